export * from './EnclaveClient';

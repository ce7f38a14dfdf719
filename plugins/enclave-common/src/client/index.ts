export * from './EnclaveClient';
export * from './serviceEnclaveClient';

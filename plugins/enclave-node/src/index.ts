/** Backstage-agnostic Data Enclave library. */
export {};
export * from './guardrails';
export * from './stack';
export * from './terraform';
export * from './provision';
// Used by enclave-backend's status API (live status with injected SDK clients).
export { getEnvironmentStatus } from './aws/status';
export type {
  DesktopStatus,
  EnvironmentStatus,
  EnvironmentStatusInput,
} from './aws/status';
export { createEnclaveAwsClients } from './aws/clients';
export type { EnclaveAwsClients, EnclaveAwsClientOptions } from './aws/clients';
export * from './aws';
export * from './lifecycle';

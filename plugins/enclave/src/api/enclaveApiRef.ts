import { createApiRef } from '@backstage/frontend-plugin-api';
import type { EnclaveClient } from '@data-enclave/plugin-enclave-common';

/**
 * What the frontend needs from the enclave-backend: reads plus the one-time
 * credential reveal and "Start Spark" (checked against the manage permission
 * on the backend). The write methods stay out so that a UI bug cannot call
 * endpoints meant for scaffolder actions.
 */
export type EnclaveApi = Pick<
  EnclaveClient,
  | 'listEnvironments'
  | 'getEnvironment'
  | 'findEnvironment'
  | 'listOperations'
  | 'getStatus'
  | 'revealInitialCredential'
  | 'startSpark'
>;

export const enclaveApiRef = createApiRef<EnclaveApi>({
  id: 'plugin.enclave.api',
});

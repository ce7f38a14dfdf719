import { createApiRef } from '@backstage/frontend-plugin-api';
import type { EnclaveClient } from '@data-enclave/plugin-enclave-common';

/**
 * What the frontend needs from the enclave-backend: reads, the one-time
 * credential reveal and "Start Spark" (checked against the manage permission
 * on the backend), and the Fleet view's routes (admins only, checked by the
 * backend). The registry's write methods stay out so that a UI bug cannot
 * call endpoints meant for scaffolder actions.
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
  | 'getFleet'
  | 'startFleetPlan'
  | 'startFleetRollout'
  | 'getFleetRun'
>;

export const enclaveApiRef = createApiRef<EnclaveApi>({
  id: 'plugin.enclave.api',
});

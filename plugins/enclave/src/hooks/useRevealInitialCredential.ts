import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { enclaveApiRef } from '../api';

/**
 * Calls the one-time credential endpoint on demand (never on render, so a
 * re-render cannot burn the single reveal).
 */
export function useRevealInitialCredential(
  environmentId: string,
  user: string,
) {
  const api = useApi(enclaveApiRef);
  return useAsyncFn(
    () => api.revealInitialCredential(environmentId, user),
    [api, environmentId, user],
  );
}

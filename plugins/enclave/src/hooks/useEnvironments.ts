import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enclaveApiRef } from '../api';

/** Environments the signed-in person may read (the backend filters by permission). */
export function useEnvironments() {
  const api = useApi(enclaveApiRef);
  return useAsyncRetry(() => api.listEnvironments(), [api]);
}

import { useApi } from '@backstage/frontend-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * `dataEnclave.allowedRegions`, asked of the scaffolder backend's `enclave`
 * autocomplete provider so the backend's validated config (with defaults) is
 * the one source of truth for what the template offers.
 */
export function useAllowedRegions() {
  const scaffolderApi = useApi(scaffolderApiRef);
  return useAsync(async () => {
    const { results } = await scaffolderApi.autocomplete({
      // The scaffolder route rejects an empty token; regions need none, so
      // this placeholder is never read by the `enclave` provider.
      token: 'unused',
      provider: 'enclave',
      resource: 'regions',
      context: {},
    });
    return results;
  }, [scaffolderApi]);
}

import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { EnclaveClient } from '@data-enclave/plugin-enclave-common';

/**
 * An EnclaveClient that calls the enclave backend as this plugin (service
 * principal): POST/PATCH on the registry are for actions only.
 */
export function createServiceEnclaveClient(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): EnclaveClient {
  const { auth, discovery } = options;
  return new EnclaveClient({
    discoveryApi: discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'enclave',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}

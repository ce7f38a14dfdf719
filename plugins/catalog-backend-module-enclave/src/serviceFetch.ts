import { AuthService } from '@backstage/backend-plugin-api';
import { ENCLAVE_PLUGIN_ID } from '@data-enclave/plugin-enclave-common';

/**
 * A fetch that authenticates as this plugin (service-to-service) towards the
 * enclave backend, for EnclaveClient on the backend side.
 */
export function createServiceFetch(auth: AuthService): { fetch: typeof fetch } {
  return {
    fetch: async (input, init) => {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: ENCLAVE_PLUGIN_ID,
      });
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  };
}

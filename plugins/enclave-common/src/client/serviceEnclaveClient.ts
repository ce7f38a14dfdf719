/*
 * The backend side of EnclaveClient: calls the enclave backend as the calling
 * plugin itself (a service-to-service token), for the scaffolder actions that
 * record environments and the catalog module that reads them. Typed
 * structurally on Backstage's AuthService and DiscoveryService so this
 * package stays free of backend imports.
 */
import { ENCLAVE_PLUGIN_ID, EnclaveClient } from './EnclaveClient';

/** The part of Backstage's AuthService a service token needs. */
export interface ServiceTokenSource<Credentials = unknown> {
  getOwnServiceCredentials(): Promise<Credentials>;
  getPluginRequestToken(options: {
    onBehalfOf: Credentials;
    targetPluginId: string;
  }): Promise<{ token: string }>;
}

/** A fetch that adds a fresh service token towards the enclave backend. */
export function createServiceFetch<Credentials>(
  auth: ServiceTokenSource<Credentials>,
): { fetch: typeof fetch } {
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

/**
 * An EnclaveClient that authenticates as the calling plugin (service
 * principal): writes to the registry are for backend callers only.
 */
export function createServiceEnclaveClient<Credentials>(options: {
  auth: ServiceTokenSource<Credentials>;
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
}): EnclaveClient {
  return new EnclaveClient({
    discoveryApi: options.discovery,
    fetchApi: createServiceFetch(options.auth),
  });
}

import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EnclaveClient } from '@data-enclave/plugin-enclave-common';
import { enclaveApiRef } from './enclaveApiRef';

/** Registers the shared EnclaveClient; fetchApi adds the signed-in user's token. */
export const enclaveApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: enclaveApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnclaveClient({ discoveryApi, fetchApi }),
    }),
});

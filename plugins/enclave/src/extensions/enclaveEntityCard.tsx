import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ENVIRONMENT_ENTITY_TYPE } from '@data-enclave/plugin-enclave-common';

/** Shown only on Resources of `spec.type: data-science-environment`. */
export const enclaveEntityCard = EntityCardBlueprint.make({
  name: 'environment',
  params: {
    type: 'content',
    filter: { kind: 'resource', 'spec.type': ENVIRONMENT_ENTITY_TYPE },
    loader: () =>
      import('../components/EnclaveCard/EnclaveCard').then(m => (
        <m.EnclaveCard />
      )),
  },
});

import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type for environment permissions; the resource ref is the registry id. */
export const ENCLAVE_ENVIRONMENT_RESOURCE_TYPE = 'enclave-environment';

/** See an environment, its status and its audit trail. */
export const enclaveEnvironmentReadPermission = createPermission({
  name: 'enclave.environment.read',
  attributes: { action: 'read' },
  resourceType: ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
});

/** Change an environment: users, upgrade, destroy. */
export const enclaveEnvironmentManagePermission = createPermission({
  name: 'enclave.environment.manage',
  attributes: { action: 'update' },
  resourceType: ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
});

export const enclavePermissions = [
  enclaveEnvironmentReadPermission,
  enclaveEnvironmentManagePermission,
];

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

/**
 * See the fleet and plan or roll out a new stack version across it. Not a
 * resource permission: the fleet routes also require membership of
 * `dataEnclave.adminGroup`, so a permissive policy cannot open them to
 * everyone; a policy can only narrow them further.
 */
export const enclaveFleetManagePermission = createPermission({
  name: 'enclave.fleet.manage',
  attributes: { action: 'update' },
});

export const enclavePermissions = [
  enclaveEnvironmentReadPermission,
  enclaveEnvironmentManagePermission,
];

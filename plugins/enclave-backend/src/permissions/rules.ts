import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  claimsInclude,
  ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
  EnvironmentRecord,
  isEnclaveAdmin,
} from '@data-enclave/plugin-enclave-common';
import { ClaimsParams, claimsParamsSchema } from './claimsParamsSchema';

/**
 * Environments as a permission resource. Conditions are always evaluated in
 * this plugin against the loaded record (there is no query form), so TQuery is
 * a no-op marker.
 */
export const environmentPermissionResourceRef = createPermissionResourceRef<
  EnvironmentRecord,
  { noQuery: true }
>().with({
  pluginId: 'enclave',
  resourceType: ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
});

type EnvironmentResourceRef = typeof environmentPermissionResourceRef;

/** The environment's owning team is among the user's ownership refs. */
export const isOwnerTeam = createPermissionRule<
  EnvironmentResourceRef,
  ClaimsParams
>({
  name: 'IS_OWNER_TEAM',
  description: 'Allow environments owned by a team the user belongs to',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: claimsParamsSchema,
  apply: (environment, { claims }) => claimsInclude(claims, environment.team),
  toQuery: () => ({ noQuery: true }),
});

/**
 * The user is in the admin group. The group comes from
 * `dataEnclave.adminGroup`, read by this plugin, so a policy only passes the
 * claims and needs no copy of the config.
 */
export function createIsAdminRule(adminGroup: string | undefined) {
  return createPermissionRule<EnvironmentResourceRef, ClaimsParams>({
    name: 'IS_ADMIN',
    description:
      'Allow every environment to members of the group in dataEnclave.adminGroup',
    resourceRef: environmentPermissionResourceRef,
    paramsSchema: claimsParamsSchema,
    apply: (_environment, { claims }) => isEnclaveAdmin(claims, adminGroup),
    toQuery: () => ({ noQuery: true }),
  });
}

/**
 * Condition factories for policies: `enclaveEnvironmentConditions.isOwnerTeam({ claims })`.
 * Only the rules' names and params matter here, not their `apply`, so the
 * admin rule is created without a group.
 */
export const {
  conditions: enclaveEnvironmentConditions,
  createConditionalDecision: createEnclaveEnvironmentConditionalDecision,
} = createConditionExports({
  resourceRef: environmentPermissionResourceRef,
  rules: { isOwnerTeam, isAdmin: createIsAdminRule(undefined) },
});

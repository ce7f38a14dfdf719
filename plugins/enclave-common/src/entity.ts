/** Catalog conventions for environments emitted by the enclave entity provider. */
export const ENVIRONMENT_ENTITY_TYPE = 'data-science-environment';

const prefix = 'data-enclave.io';
export const ENCLAVE_ANNOTATIONS = {
  registryId: `${prefix}/registry-id`,
  region: `${prefix}/region`,
  account: `${prefix}/account-id`,
  vpcId: `${prefix}/vpc-id`,
  emrClusterId: `${prefix}/emr-cluster-id`,
  directoryId: `${prefix}/directory-id`,
  stackVersion: `${prefix}/stack-version`,
  state: `${prefix}/state`,
} as const;

/**
 * Entity ref of the Resource an environment becomes (the entity provider
 * emits it; actions output it).
 */
export function environmentEntityRef(environment: {
  team: string;
  name: string;
}): string {
  return `resource:default/${environmentEntityName(
    environment.team,
    environment.name,
  )}`;
}

/** Entity name for an environment: unique per team, so the team is part of it. */
export function environmentEntityName(team: string, name: string): string {
  const teamName =
    team
      .replace(/^group:/, '')
      .split('/')
      .pop() ?? team;
  return `${teamName}-${name}`.slice(0, 63).replace(/-+$/, '');
}

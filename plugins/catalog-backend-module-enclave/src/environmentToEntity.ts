import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ENCLAVE_ANNOTATIONS,
  ENVIRONMENT_ENTITY_TYPE,
  environmentEntityName,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';

/** Location ref of an environment: the registry, not a file (no git involved). */
export function environmentLocation(environment: EnvironmentRecord): string {
  return `enclave:registry/environments/${environment.id}`;
}

/**
 * The VPC in the AWS console when the stack was applied, else the region's VPC
 * list: either way a useful "view" link from the entity page.
 */
export function consoleUrl(environment: EnvironmentRecord): string {
  const { region } = environment;
  const base = `https://${region}.console.aws.amazon.com/vpcconsole/home?region=${region}`;
  const vpcId = environment.outputs.vpcId;
  return vpcId
    ? `${base}#VpcDetails:VpcId=${encodeURIComponent(vpcId)}`
    : `${base}#vpcs:`;
}

/**
 * The catalog's view of a registry environment: `Resource` of type
 * data-science-environment owned by the team. The desktop users are related
 * through `spec.dependsOn`, which the catalog turns into dependsOn/dependencyOf
 * relations, so a user's page lists the environments they work in.
 */
export function environmentToEntity(environment: EnvironmentRecord): Entity {
  const team = parseEntityRef(environment.team, {
    defaultKind: 'group',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  const location = environmentLocation(environment);
  const { outputs } = environment;
  const optional: Record<string, string | undefined> = {
    [ENCLAVE_ANNOTATIONS.vpcId]: outputs.vpcId,
    [ENCLAVE_ANNOTATIONS.emrClusterId]: outputs.emrClusterId,
    [ENCLAVE_ANNOTATIONS.directoryId]: outputs.directoryId,
  };
  const users = [...new Set(environment.members.map(m => m.entityRef))];
  const desktops =
    users.length === 1
      ? '1 WorkSpaces desktop'
      : `${users.length} WorkSpaces desktops`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: environmentEntityName(environment.team, environment.name),
      namespace: DEFAULT_NAMESPACE,
      title: `${environment.name} (${team.name})`,
      description:
        `Secure data science environment "${environment.name}" of team ${team.name} ` +
        `in ${environment.region}, account ${environment.accountId}: a private VPC with no internet path, ` +
        `an EMR Spark cluster, a managed Microsoft AD and ${desktops}. ` +
        `State: ${environment.state}${
          environment.stateReason ? ` (${environment.stateReason})` : ''
        }.`,
      tags: ['data-enclave', environment.region],
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_VIEW_URL]: consoleUrl(environment),
        [ENCLAVE_ANNOTATIONS.registryId]: environment.id,
        [ENCLAVE_ANNOTATIONS.region]: environment.region,
        [ENCLAVE_ANNOTATIONS.account]: environment.accountId,
        [ENCLAVE_ANNOTATIONS.stackVersion]: environment.stackVersion,
        [ENCLAVE_ANNOTATIONS.state]: environment.state,
        ...(Object.fromEntries(
          Object.entries(optional).filter(([, v]) => Boolean(v)),
        ) as Record<string, string>),
      },
      links: [{ url: consoleUrl(environment), title: 'AWS console (VPC)' }],
    },
    spec: {
      type: ENVIRONMENT_ENTITY_TYPE,
      owner: environment.team,
      dependsOn: users,
    },
  };
}

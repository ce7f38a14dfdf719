import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
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

/** How environments map onto entities, from `catalog.providers.dataEnclave`. */
export interface EnvironmentEntityOptions {
  /**
   * Where the code of a stack version can be read, with `{stackVersion}` in
   * it, e.g. `https://github.com/acme/data-enclave/tree/v{stackVersion}/plugins/enclave-node/src/stack`.
   * Unset: the entity has no source location (it comes from the registry,
   * not from a file), and the About card's "View Source" has nothing to open.
   */
  stackSourceUrl?: string;
}

const STACK_VERSION = '{stackVersion}';

/**
 * `stackSourceUrl` checked once at startup, so a typo fails the backend with
 * the key to fix instead of emitting a link that goes nowhere.
 */
export function readStackSourceUrl(
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const key = 'catalog.providers.dataEnclave.stackSourceUrl';
  if (!value.includes(STACK_VERSION)) {
    throw new Error(
      `${key} must contain ${STACK_VERSION} so each environment links to the stack it runs, e.g. https://github.com/acme/data-enclave/tree/v${STACK_VERSION}/plugins/enclave-node/src/stack`,
    );
  }
  let url: URL;
  try {
    url = new URL(value.split(STACK_VERSION).join('0.0.0'));
  } catch {
    throw new Error(
      `${key} is not a URL: '${value}'; give the https address of the stack's source with ${STACK_VERSION} in it`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `${key} must be an http(s) address the browser can open, not '${url.protocol}'`,
    );
  }
  return value;
}

/**
 * The source of an environment is the stack version it runs: with
 * `stackSourceUrl` configured, the About card's "View Source" opens that
 * version's code. The `url:` prefix is what Backstage's location refs need.
 */
function sourceLocation(
  environment: EnvironmentRecord,
  options: EnvironmentEntityOptions,
): string | undefined {
  if (!options.stackSourceUrl) return undefined;
  const url = options.stackSourceUrl
    .split(STACK_VERSION)
    .join(encodeURIComponent(environment.stackVersion));
  return `url:${url}`;
}

/**
 * The catalog's view of a registry environment: `Resource` of type
 * data-science-environment owned by the team. The desktop users are related
 * through `spec.dependsOn`, which the catalog turns into dependsOn/dependencyOf
 * relations, so a user's page lists the environments they work in.
 */
export function environmentToEntity(
  environment: EnvironmentRecord,
  options: EnvironmentEntityOptions = {},
): Entity {
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
    [ANNOTATION_SOURCE_LOCATION]: sourceLocation(environment, options),
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

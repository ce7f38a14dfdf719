/*
 * Reads `terraform show -json <planfile>`. Known values come from
 * `planned_values` (root and child modules) plus data sources Terraform already
 * read into `prior_state`. Values Terraform only learns at apply are listed in
 * `resource_changes[].change.after_unknown`; for those we substitute the
 * attribute's expression from `configuration`, which for JSON-syntax
 * configuration (what CDKTF writes) is the very `${…}` template of cdk.tf.json.
 * The rules then treat a plan exactly like a synthesized stack.
 *
 * Granularity is the top-level attribute: if any part of `egress` is unknown,
 * the whole `egress` is taken from configuration. Set-typed blocks are
 * reordered by Terraform, so splicing config into planned values below the
 * top level could pair the wrong elements.
 *
 * An unknown attribute that the configuration does not set is computed by the
 * provider (an id, or `ingress` on a security group that declares none); it is
 * dropped, so it reads as "not set", exactly as in cdk.tf.json.
 */
import type {
  ProviderConfiguration,
  TerraformResource,
} from './terraformDocument';
import { JsonObject, UnknownValue, isObject } from './values';

interface ConfigResource {
  expressions: JsonObject;
  provider: string;
}

export function readPlanResources(json: JsonObject): TerraformResource[] {
  const config = new Map<string, ConfigResource>();
  collectConfig(getObject(json.configuration, 'root_module'), '', config);

  const unknowns = new Map<string, JsonObject>();
  for (const change of asArray(json.resource_changes)) {
    if (!isObject(change) || typeof change.address !== 'string') continue;
    const after = getObject(change, 'change');
    const afterUnknown = after && getObject(after, 'after_unknown');
    if (afterUnknown) unknowns.set(change.address, afterUnknown);
  }

  const planned: JsonObject[] = [];
  collectModuleResources(
    getObject(json.planned_values, 'root_module'),
    planned,
  );
  const plannedAddresses = new Set(planned.map(r => r.address));
  // Data sources read during planning live in prior_state, not planned_values.
  const prior: JsonObject[] = [];
  collectModuleResources(
    getObject(getObject(json.prior_state, 'values'), 'root_module'),
    prior,
  );
  for (const resource of prior) {
    if (resource.mode === 'data' && !plannedAddresses.has(resource.address)) {
      planned.push(resource);
    }
  }

  return planned.flatMap(raw => {
    const address = raw.address;
    const type = raw.type;
    const name = raw.name;
    if (
      typeof address !== 'string' ||
      typeof type !== 'string' ||
      typeof name !== 'string'
    ) {
      return [];
    }
    const mode = raw.mode === 'data' ? 'data' : 'managed';
    const configResource = config.get(configAddress(address));
    const { values, computed } = mergeUnknowns(
      isObject(raw.values) ? (escapeTemplates(raw.values) as JsonObject) : {},
      unknowns.get(address),
      configResource?.expressions,
    );
    const resource: TerraformResource = {
      address,
      mode,
      type,
      name,
      module: modulePrefix(address),
      provider: configResource?.provider ?? type.split('_')[0],
      values,
      computed,
    };
    return [resource];
  });
}

export function readPlanProviders(json: JsonObject): ProviderConfiguration[] {
  const providerConfig = getObject(json.configuration, 'provider_config');
  if (!providerConfig) return [];
  return Object.entries(providerConfig).flatMap(([key, raw]) => {
    if (!isObject(raw)) return [];
    const expressions = getObject(raw, 'expressions') ?? {};
    // Child-module providers are keyed `module.m:aws`; they inherit the root's.
    return [
      {
        key: key.includes(':') ? key.split(':').pop()! : key,
        values: blockFromExpressions(expressions),
      },
    ];
  });
}

function mergeUnknowns(
  values: JsonObject,
  afterUnknown: JsonObject | undefined,
  expressions: JsonObject | undefined,
): { values: JsonObject; computed: string[] } {
  const merged: JsonObject = { ...values };
  const computed: string[] = [];
  for (const [attribute, unknown] of Object.entries(afterUnknown ?? {})) {
    if (!containsTrue(unknown)) continue;
    const expression = expressions?.[attribute];
    if (expression === undefined) {
      delete merged[attribute];
      computed.push(attribute);
    } else {
      merged[attribute] = expressionToValue(expression);
    }
  }
  return { values: merged, computed };
}

/**
 * Planned values are final strings: an IAM policy variable such as
 * `${aws:username}` in them is text, not an interpolation. Escaping it as
 * `$${…}` keeps the one template convention used for both shapes.
 */
function escapeTemplates(value: unknown): unknown {
  // A replacer function, because `$$` in a replacement string means `$`.
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${');
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, escapeTemplates(v)]),
    );
  }
  return value;
}

function containsTrue(value: unknown): boolean {
  if (value === true) return true;
  if (Array.isArray(value)) return value.some(containsTrue);
  if (isObject(value)) return Object.values(value).some(containsTrue);
  return false;
}

/**
 * Turns a configuration expression back into a value: `constant_value` as is
 * (templates included), nested blocks recursively, and an expression that only
 * lists `references` (HCL-syntax config) into an UnknownValue.
 */
function expressionToValue(expression: unknown): unknown {
  if (Array.isArray(expression)) return expression.map(expressionToValue);
  if (!isObject(expression)) return expression;
  if (isExpressionNode(expression)) {
    if ('constant_value' in expression) return expression.constant_value;
    return new UnknownValue(
      asArray(expression.references).filter(
        (r): r is string => typeof r === 'string',
      ),
    );
  }
  return blockFromExpressions(expression);
}

function blockFromExpressions(expressions: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(expressions).map(([key, value]) => [
      key,
      expressionToValue(value),
    ]),
  );
}

function isExpressionNode(value: JsonObject): boolean {
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every(k => k === 'constant_value' || k === 'references')
  );
}

function collectConfig(
  module: JsonObject | undefined,
  prefix: string,
  into: Map<string, ConfigResource>,
): void {
  if (!module) return;
  for (const resource of asArray(module.resources)) {
    if (!isObject(resource) || typeof resource.address !== 'string') continue;
    const providerKey =
      typeof resource.provider_config_key === 'string'
        ? resource.provider_config_key.split(':').pop()!
        : undefined;
    into.set(prefix + resource.address, {
      expressions: getObject(resource, 'expressions') ?? {},
      provider: providerKey ?? String(resource.type).split('_')[0],
    });
  }
  const calls = getObject(module, 'module_calls') ?? {};
  for (const [name, call] of Object.entries(calls)) {
    collectConfig(getObject(call, 'module'), `${prefix}module.${name}.`, into);
  }
}

function collectModuleResources(
  module: JsonObject | undefined,
  into: JsonObject[],
): void {
  if (!module) return;
  for (const resource of asArray(module.resources)) {
    if (isObject(resource)) into.push(resource);
  }
  for (const child of asArray(module.child_modules)) {
    if (isObject(child)) collectModuleResources(child, into);
  }
}

/** `module.a[0].aws_vpc.x["k"]` → `module.a.aws_vpc.x`: configuration has no instance keys. */
function configAddress(address: string): string {
  return address.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
}

function modulePrefix(address: string): string {
  const match = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return match ? match[1] : '';
}

function getObject(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return isObject(child) ? child : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

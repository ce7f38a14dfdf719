/*
 * The common model every rule is written against. Both `cdk.tf.json` and
 * `terraform show -json <plan>` are normalized into a TerraformDocument (see
 * readSynthesized.ts and readPlan.ts); rules never look at the raw shapes.
 */
import {
  TerraformReference,
  pureReference,
  referencesInTemplate,
  splitTemplate,
} from './expressions';
import type { TerraformDocumentSource } from './types';
import {
  AttributeState,
  JsonObject,
  UnknownValue,
  getPath,
  isObject,
} from './values';

export interface TerraformResource {
  /** Full address: `aws_vpc.main`, `data.aws_iam_policy_document.x`, `module.m.aws_vpc.y[0]`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Module prefix of the address (`''` at the root, `module.m.` inside a module). */
  module: string;
  /** Provider configuration key, `aws` or `aws.<alias>`. */
  provider: string;
  /** Attribute values; strings may be templates, leaves may be UnknownValue. */
  values: JsonObject;
  /**
   * Plan only: attributes the provider computes at apply that the
   * configuration does not set (dropped from `values`), e.g. `id`, `tags_all`.
   */
  computed: string[];
}

export interface ProviderConfiguration {
  /** `aws` or `aws.<alias>`. */
  key: string;
  values: JsonObject;
}

/** How deep reference chains are followed; real stacks need two or three hops. */
const MAX_REFERENCE_DEPTH = 8;

export class TerraformDocument {
  private readonly byAddress = new Map<string, TerraformResource>();

  constructor(
    readonly source: TerraformDocumentSource,
    readonly resources: readonly TerraformResource[],
    readonly providers: readonly ProviderConfiguration[],
  ) {
    for (const resource of resources)
      this.byAddress.set(resource.address, resource);
  }

  /** Managed resources of one type (data sources excluded). */
  ofType(type: string): TerraformResource[] {
    return this.resources.filter(r => r.mode === 'managed' && r.type === type);
  }

  /** Managed resources of any of the given types. */
  ofTypes(types: readonly string[]): TerraformResource[] {
    return this.resources.filter(
      r => r.mode === 'managed' && types.includes(r.type),
    );
  }

  get managedResources(): TerraformResource[] {
    return this.resources.filter(r => r.mode === 'managed');
  }

  /**
   * Finds a resource by address, relative to the module of `from` first.
   * `count`/`for_each` instances are matched with or without their index.
   */
  find(
    address: string,
    from?: TerraformResource,
  ): TerraformResource | undefined {
    const candidates = from?.module
      ? [from.module + address, address]
      : [address];
    for (const candidate of candidates) {
      const exact = this.byAddress.get(candidate);
      if (exact) return exact;
      const unindexed = this.byAddress.get(
        candidate.replace(/\[[^\]]*\]$/, ''),
      );
      if (unindexed) return unindexed;
      const firstInstance =
        this.byAddress.get(`${candidate}[0]`) ??
        this.byAddress.get(`${candidate}["0"]`);
      if (firstInstance) return firstInstance;
    }
    return undefined;
  }

  /** The provider configuration a resource uses. */
  providerFor(resource: TerraformResource): ProviderConfiguration | undefined {
    return (
      this.providers.find(p => p.key === resource.provider) ??
      this.providers.find(p => p.key === resource.provider.split('.')[0])
    );
  }

  /** Reads and resolves one attribute (dotted path through blocks). */
  attribute(resource: TerraformResource, path: string): AttributeState {
    return this.resolve(getPath(resource.values, path.split('.')), resource);
  }

  /**
   * Classifies a value, following `${type.name.attr}` references to literal
   * attributes of resources inside this document. A reference to a computed
   * attribute (an id or ARN) stays an expression: rules decide whether the
   * referenced resource is acceptable.
   */
  resolve(value: unknown, from?: TerraformResource, depth = 0): AttributeState {
    if (value === undefined || value === null) return { kind: 'absent' };
    if (value instanceof UnknownValue) {
      return { kind: 'unknown', references: value.references };
    }
    if (typeof value !== 'string') return { kind: 'literal', value };
    const parts = splitTemplate(value);
    if (!parts.some(p => p.expression))
      return { kind: 'literal', value: parts[0].literal };

    const pure = pureReference(value);
    if (pure) {
      const target = this.followReference(pure, from, depth);
      if (target.kind === 'literal') return target;
      return {
        kind: 'expression',
        expression: value,
        references: [pure],
        reference: pure,
      };
    }
    // A mixed template such as `arn:aws:s3:::${aws_s3_bucket.b.bucket}/*`
    // becomes a literal when every interpolation resolves to a scalar.
    let text = '';
    for (const part of parts) {
      text += part.literal;
      if (!part.expression) continue;
      const ref = pureReference(`\${${part.expression}}`);
      const resolved = ref ? this.followReference(ref, from, depth) : undefined;
      if (
        resolved?.kind !== 'literal' ||
        isObject(resolved.value) ||
        Array.isArray(resolved.value)
      ) {
        return {
          kind: 'expression',
          expression: value,
          references: referencesInTemplate(value),
        };
      }
      text += String(resolved.value);
    }
    return { kind: 'literal', value: text };
  }

  /** The resource a value refers to, when it is exactly `${<address>.<attr>}` of one of `types`. */
  referencedResource(
    value: unknown,
    types: readonly string[],
    from?: TerraformResource,
  ): TerraformResource | undefined {
    if (typeof value !== 'string') return undefined;
    const ref = pureReference(value);
    if (!ref) return undefined;
    const target = this.find(ref.address, from);
    return target && types.includes(target.type) ? target : undefined;
  }

  private followReference(
    ref: TerraformReference,
    from: TerraformResource | undefined,
    depth: number,
  ): AttributeState {
    if (depth >= MAX_REFERENCE_DEPTH || ref.attribute.length === 0) {
      return { kind: 'absent' };
    }
    const target = this.find(ref.address, from);
    if (!target) return { kind: 'absent' };
    const raw = getPath(target.values, ref.attribute);
    if (raw === undefined) return { kind: 'absent' };
    return this.resolve(raw, target, depth + 1);
  }
}

/*
 * G10: every taggable resource carries the environment, team, owner and stack
 * version tags (normally via the provider's default_tags).
 *
 * Taggable: in a plan, a resource with `tags_all` (known or computed); in
 * cdk.tf.json, a type on TAGGABLE_TYPES or any resource that sets `tags`.
 * Effective tags: `tags_all` when the plan knows it, else the provider's
 * `default_tags` merged with the resource's `tags` (both shapes carry them).
 *
 * Unknown and reference values: each required tag must have a literal,
 * non-empty value (a reference that resolves to one is fine); a value known
 * only after apply is a finding because the tag cannot be verified.
 */
import { ENCLAVE_TAG_KEYS } from '@data-enclave/plugin-enclave-common';
import { describeState } from '../describe';
import { TAGGABLE_TYPES, UNTAGGABLE_TYPES } from '../taggableTypes';
import { isTemplate } from '../expressions';
import type {
  ProviderConfiguration,
  TerraformDocument,
  TerraformResource,
} from '../terraformDocument';
import type { GuardrailRule, RuleFinding } from '../types';
import { AttributeState, asBlocks, isObject } from '../values';

export const REQUIRED_TAG_KEYS: readonly string[] =
  Object.values(ENCLAVE_TAG_KEYS);

function isTaggable(resource: TerraformResource): boolean {
  if ('tags_all' in resource.values || resource.computed.includes('tags_all'))
    return true;
  if (UNTAGGABLE_TYPES.includes(resource.type)) return false;
  return (
    TAGGABLE_TYPES.includes(resource.type) || isObject(resource.values.tags)
  );
}

function effectiveTags(
  doc: TerraformDocument,
  resource: TerraformResource,
): Map<string, AttributeState> {
  const tags = new Map<string, AttributeState>();
  const tagsAll = resource.values.tags_all;
  if (isObject(tagsAll)) {
    for (const [key, value] of Object.entries(tagsAll))
      tags.set(key, doc.resolve(value, resource));
    return tags;
  }
  const provider = doc.providerFor(resource);
  for (const block of asBlocks(provider?.values.default_tags)) {
    if (!isObject(block.tags)) continue;
    for (const [key, value] of Object.entries(block.tags))
      tags.set(key, doc.resolve(value, resource));
  }
  if (isObject(resource.values.tags)) {
    for (const [key, value] of Object.entries(resource.values.tags))
      tags.set(key, doc.resolve(value, resource));
  }
  return tags;
}

export const g10Tags: GuardrailRule = {
  id: 'G10',
  title: 'Every resource is tagged with its environment',
  rationale:
    'Tags are how cost, ownership and incident response find an environment\u2019s resources, so every taggable resource carries the environment, team, owner and stack version tags.',
  check({ doc }) {
    const findings: RuleFinding[] = [];
    // Keys the provider's default_tags lack are one mistake, reported once at
    // the provider instead of once per resource.
    const byProvider = new Map<
      string,
      { keys: string[]; resources: string[] }
    >();
    for (const resource of doc.managedResources.filter(isTaggable)) {
      const tags = effectiveTags(doc, resource);
      const missing = REQUIRED_TAG_KEYS.filter(key => {
        const state = tags.get(key) ?? { kind: 'absent' as const };
        return !(
          state.kind === 'literal' &&
          typeof state.value === 'string' &&
          state.value.trim() !== ''
        );
      });
      if (missing.length === 0) continue;
      const provider = doc.providerFor(resource);
      const providerLacks = missing.filter(
        key => !providerTagKeys(provider).includes(key),
      );
      if (providerLacks.length === missing.length && provider) {
        const key = `provider.${provider.key}\u0000${missing.join(',')}`;
        const entry = byProvider.get(key) ?? { keys: missing, resources: [] };
        entry.resources.push(resource.address);
        byProvider.set(key, entry);
        continue;
      }
      findings.push({
        address: resource.address,
        problem: `missing required tags: ${missing
          .map(
            k => `${k} is ${describeState(tags.get(k) ?? { kind: 'absent' })}`,
          )
          .join(', ')}`,
        fix: `set ${missing.join(
          ', ',
        )} in the aws provider's default_tags and do not override them on the resource`,
      });
    }
    for (const [key, { keys, resources }] of byProvider) {
      const shown = resources.slice(0, 5).join(', ');
      findings.push({
        address: key.split('\u0000')[0],
        problem: `default_tags lack ${keys.join(', ')}, so ${
          resources.length
        } taggable resource(s) are untagged: ${shown}${
          resources.length > 5 ? ` and ${resources.length - 5} more` : ''
        }`,
        fix: `set ${REQUIRED_TAG_KEYS.join(
          ', ',
        )} in the aws provider's default_tags`,
      });
    }
    return { findings, relaxations: [] };
  },
};

/** Keys the provider's default_tags set to a literal, non-empty value. */
function providerTagKeys(
  provider: ProviderConfiguration | undefined,
): string[] {
  return asBlocks(provider?.values.default_tags).flatMap(block =>
    isObject(block.tags)
      ? Object.entries(block.tags)
          .filter(
            ([, v]) =>
              typeof v === 'string' && v.trim() !== '' && !isTemplate(v),
          )
          .map(([k]) => k)
      : [],
  );
}

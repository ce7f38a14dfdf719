/*
 * Tag keys every taggable enclave resource carries (guardrail G10), set once
 * through the AWS provider's default_tags. Shared so the guardrails, the
 * status API and cost reports look for the same keys.
 */
export const ENCLAVE_TAG_KEYS = {
  environment: 'enclave:environment',
  team: 'enclave:team',
  owner: 'enclave:owner',
  stackVersion: 'enclave:stack-version',
} as const;

/** The default tags of one environment. `team` is the group's name, `owner` the full ref. */
export function enclaveDefaultTags(env: {
  name: string;
  team: string;
  stackVersion: string;
}): Record<string, string> {
  const teamName = env.team.replace(/^group:(?:[^/]+\/)?/, '');
  return {
    [ENCLAVE_TAG_KEYS.environment]: env.name,
    [ENCLAVE_TAG_KEYS.team]: teamName,
    [ENCLAVE_TAG_KEYS.owner]: env.team,
    [ENCLAVE_TAG_KEYS.stackVersion]: env.stackVersion,
  };
}

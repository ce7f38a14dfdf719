/*
 * The one place environment tags are built (guardrail G10). Terraform gets
 * them as the provider's default_tags; resources the SDK creates (WorkSpaces,
 * password secrets, the on-demand EMR cluster) get the same map from the same
 * function, since default_tags do not reach them. Shared so the guardrails,
 * the status API and cost reports look for the same keys.
 */
export const ENCLAVE_TAG_KEYS = {
  environment: 'enclave:environment',
  team: 'enclave:team',
  owner: 'enclave:owner',
  stackVersion: 'enclave:stack-version',
} as const;

/** Per-person resources (a desktop, a password secret) also name their user. */
export const ENCLAVE_USERNAME_TAG_KEY = 'enclave:username';

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

/** Environment tags plus the person a per-user resource belongs to. */
export function withUsernameTag(
  tags: Record<string, string>,
  username: string,
): Record<string, string> {
  return { ...tags, [ENCLAVE_USERNAME_TAG_KEY]: username };
}

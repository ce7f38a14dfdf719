/*
 * Does an IAM policy document allow an action? Only what the check needs:
 * Allow statements, `Action` as a string or list, `*` and `?` wildcards,
 * case-insensitive as IAM compares actions. Conditions and resources are not
 * evaluated: the check is that each needed action is granted somewhere.
 */
export interface PolicyDocument {
  Statement: Array<{ Effect: string; Action?: string | string[] }>;
}

/** IAM action wildcards: `*` any run of characters, `?` one character. */
const WILDCARDS: Record<string, string> = { '*': '.*', '?': '.' };

function toRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('')
    .map(c => WILDCARDS[c] ?? c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${escaped}$`, 'i');
}

export function policyAllows(policy: PolicyDocument, action: string): boolean {
  return policy.Statement.some(
    s =>
      s.Effect === 'Allow' &&
      [s.Action ?? []].flat().some(pattern => toRegExp(pattern).test(action)),
  );
}

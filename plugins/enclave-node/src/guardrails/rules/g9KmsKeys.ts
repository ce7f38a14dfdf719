/*
 * G9: the environment has its own customer-managed KMS key, rotated, and its
 * key policy does not open the key to other accounts.
 *
 * Unknown and reference values:
 *  - `enable_key_rotation` must be literal true;
 *  - an absent key policy is fine (KMS then uses the account-root default);
 *    an unreadable one is a finding;
 *  - a principal ARN must resolve to a literal ARN in the environment account
 *    (any 12-digit account when the account is not known); service principals
 *    are allowed; "*" needs a kms:CallerAccount / aws:PrincipalAccount
 *    condition pinned to the environment account.
 */
import { isEnvironmentAccount, isScopedToAccount } from '../accountScope';
import { describeState } from '../describe';
import type { PolicyStatement } from '../policyDocument';
import { isAnyPrincipal, readPolicy } from '../policyDocument';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';

function principalProblem(
  ctx: RuleContext,
  s: PolicyStatement,
  key: TerraformResource,
): string | undefined {
  if (isAnyPrincipal(s)) {
    return isScopedToAccount(
      ctx,
      s,
      ['kms:CallerAccount', 'aws:PrincipalAccount'],
      key,
    )
      ? undefined
      : 'allows any principal without a kms:CallerAccount condition on the environment account';
  }
  for (const principal of s.principals) {
    if (principal.type === 'Service') continue;
    if (principal.type !== 'AWS') return `names a ${principal.type} principal`;
    for (const id of principal.identifiers) {
      const state = ctx.doc.resolve(id, key);
      const text = state.kind === 'literal' ? String(state.value) : '';
      const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(text)?.[1] ?? text;
      if (!isEnvironmentAccount(ctx, account, key)) {
        return `names principal ${describeState(
          state,
        )}, which is not in the environment account`;
      }
    }
  }
  return undefined;
}

export const g9KmsKeys: GuardrailRule = {
  id: 'G9',
  title: 'A rotated customer-managed key per environment',
  rationale:
    'Encryption only contains data if the key stays inside the environment, so each environment has its own customer-managed KMS key with rotation on and a key policy limited to its account.',
  check(ctx) {
    const { doc } = ctx;
    const findings: RuleFinding[] = [];
    const keys = doc.ofType('aws_kms_key');
    if (keys.length === 0) {
      findings.push({
        address: 'aws_kms_key',
        problem: 'the stack has no customer-managed KMS key',
        fix: 'add an aws_kms_key for the environment and use it for the bucket, EMR and logs',
      });
    }
    for (const key of keys) {
      const rotation = doc.attribute(key, 'enable_key_rotation');
      if (!(rotation.kind === 'literal' && rotation.value === true)) {
        findings.push({
          address: key.address,
          problem: `enable_key_rotation is ${describeState(rotation)}`,
          fix: 'set enable_key_rotation = true',
        });
      }
      const policy = readPolicy(doc, key);
      if (policy.kind === 'unverifiable') {
        findings.push({
          address: key.address,
          problem: `the key policy cannot be verified: ${policy.reason}`,
          fix: 'write the key policy as a JSON document in the stack',
        });
      } else if (policy.kind === 'policy') {
        policy.statements.forEach((s, index) => {
          if (s.effect !== 'Allow') return;
          const problem = principalProblem(ctx, s, key);
          if (problem) {
            findings.push({
              address: key.address,
              problem: `key policy statement ${s.sid ?? index} ${problem}`,
              fix: 'grant the key only to the environment account (its root or roles) and AWS service principals',
            });
          }
        });
      }
    }
    return { findings, relaxations: [] };
  },
};

/*
 * The dangerous shapes of types G11 lets through (or a platform allows):
 * ways to hand data or resources to someone outside the environment account.
 *  - a bucket policy, on ANY bucket, that allows everyone or another account;
 *  - an aws_s3_bucket_acl with a public canned ACL or grants;
 *  - S3 replication to a bucket that is not a bucket of this stack;
 *  - AWS RAM shares open to external principals, or associated with a
 *    principal other than the environment account.
 */
import { isEnvironmentAccount, isScopedToAccount } from './accountScope';
import { describeState } from './describe';
import { isAnyPrincipal, readPolicy } from './policyDocument';
import type { RuleContext, RuleFinding } from './types';
import { asBlocks } from './values';

const PUBLIC_CANNED_ACLS = [
  'public-read',
  'public-read-write',
  'authenticated-read',
];

export function bucketPolicyFindings(ctx: RuleContext): RuleFinding[] {
  const { doc } = ctx;
  const findings: RuleFinding[] = [];
  for (const policy of doc.ofType('aws_s3_bucket_policy')) {
    const read = readPolicy(doc, policy);
    if (read.kind === 'unverifiable') {
      findings.push({
        address: policy.address,
        problem: `the bucket policy cannot be verified: ${read.reason}`,
        fix: 'write the policy as a JSON document or an aws_iam_policy_document in this stack',
      });
      continue;
    }
    if (read.kind !== 'policy') continue;
    for (const s of read.statements) {
      if (s.effect !== 'Allow') continue;
      const sid = s.sid ? ` "${s.sid}"` : '';
      if (isAnyPrincipal(s)) {
        if (
          !isScopedToAccount(
            ctx,
            s,
            ['aws:PrincipalAccount', 'aws:SourceAccount'],
            read.from,
          )
        ) {
          findings.push({
            address: policy.address,
            problem: `statement${sid} allows any principal (a public bucket policy)`,
            fix: 'name principals of the environment account, or add StringEquals aws:PrincipalAccount = the environment account',
          });
        }
        continue;
      }
      for (const principal of s.principals) {
        if (principal.type === 'Service') continue;
        for (const id of principal.identifiers) {
          const state = doc.resolve(id, read.from);
          if (state.kind === 'expression' && state.reference) {
            // A role or user of this stack is in the environment account.
            if (doc.find(state.reference.address, read.from)) continue;
          }
          const text = state.kind === 'literal' ? String(state.value) : '';
          const account =
            /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(text)?.[1] ?? text;
          if (!isEnvironmentAccount(ctx, account, read.from)) {
            findings.push({
              address: policy.address,
              problem: `statement${sid} grants ${describeState(
                state,
              )}, which is not in the environment account`,
              fix: 'grant only principals of the environment account; data leaves the enclave through other accounts',
            });
          }
        }
      }
    }
  }
  for (const acl of doc.ofType('aws_s3_bucket_acl')) {
    const canned = doc.attribute(acl, 'acl');
    const grants = asBlocks(acl.values.access_control_policy).flatMap(p =>
      asBlocks(p.grant),
    );
    if (
      (canned.kind === 'literal' &&
        PUBLIC_CANNED_ACLS.includes(String(canned.value))) ||
      grants.length > 0
    ) {
      findings.push({
        address: acl.address,
        problem: `the bucket ACL ${
          grants.length > 0
            ? 'grants access to other grantees'
            : `is ${describeState(canned)}`
        }`,
        fix: 'remove the ACL: the enclave uses BucketOwnerEnforced ownership and bucket policies only',
      });
    }
  }
  return findings;
}

export function replicationFindings(ctx: RuleContext): RuleFinding[] {
  const { doc } = ctx;
  const findings: RuleFinding[] = [];
  for (const config of doc.ofType('aws_s3_bucket_replication_configuration')) {
    for (const rule of asBlocks(config.values.rule)) {
      for (const destination of asBlocks(rule.destination)) {
        const target = doc.referencedResource(
          destination.bucket,
          ['aws_s3_bucket'],
          config,
        );
        const account = doc.resolve(destination.account, config);
        const foreignAccount =
          account.kind !== 'absent' &&
          !isEnvironmentAccount(ctx, destination.account, config);
        if (!target || foreignAccount) {
          findings.push({
            address: config.address,
            problem: `replicates objects to ${describeState(
              doc.resolve(destination.bucket, config),
            )}${
              foreignAccount ? ` in account ${describeState(account)}` : ''
            }, which is not a bucket of this stack`,
            fix: 'remove the replication configuration: a copy outside the environment is exfiltration (replicate only to a bucket of this stack, in its account)',
          });
        }
      }
    }
  }
  return findings;
}

export function resourceSharingFindings(ctx: RuleContext): RuleFinding[] {
  const { doc } = ctx;
  const findings: RuleFinding[] = [];
  for (const share of doc.ofType('aws_ram_resource_share')) {
    const external = doc.attribute(share, 'allow_external_principals');
    // The provider defaults allow_external_principals to true.
    if (!(external.kind === 'literal' && external.value === false)) {
      findings.push({
        address: share.address,
        problem: `the RAM share allows external principals (allow_external_principals = ${describeState(
          external,
        )})`,
        fix: 'remove the RAM share: the enclave shares no resource with another account',
      });
    }
  }
  for (const association of doc.ofType('aws_ram_principal_association')) {
    if (!isEnvironmentAccount(ctx, association.values.principal, association)) {
      findings.push({
        address: association.address,
        problem: `shares resources with principal ${describeState(
          doc.resolve(association.values.principal, association),
        )}, outside the environment account`,
        fix: 'remove the RAM principal association: the enclave shares no resource with another account',
      });
    }
  }
  for (const association of doc.ofType('aws_ram_resource_association')) {
    findings.push({
      address: association.address,
      problem: `puts ${describeState(
        doc.resolve(association.values.resource_arn, association),
      )} into a RAM share, where other accounts can use it`,
      fix: 'remove the RAM resource association: a shared subnet or resource is a path out of the enclave',
    });
  }
  return findings;
}

/*
 * G3: every VPC endpoint carries a full data perimeter.
 *
 * Each Allow statement of each endpoint policy (gateway and interface) must
 * hold both perimeters:
 *  - identity: `aws:PrincipalAccount` = the environment account (or
 *    `aws:PrincipalOrgID` = the configured organization, or principals that
 *    are all ARNs of the account), except a statement that is exactly (a
 *    subset of) an `unsigned` exception of the fact: s3:GetObject on the AWS
 *    repository buckets' objects, which dnf and EMR fetch without signing;
 *  - resource: `aws:ResourceAccount` = the environment account (or
 *    `aws:ResourceOrgID` = `dataEnclave.guardrails.organizationId`), unless the
 *    statement is one of the service's exceptions in the shared fact
 *    (awsFacts/endpointServices.ts): exact actions without a resource, or
 *    read-only actions on the listed AWS-owned resources.
 * Where the fact narrows a service to the stack's own buckets (S3:
 * `ownResources: 'stack-buckets'`), every such statement must also name only
 * buckets of this document (`arn:aws:s3:::<bucket>` and objects under it): an
 * account-wide S3 statement lets an own-account credential copy the data to
 * another bucket of the same account.
 * Only interface endpoints of services that the same fact lists as taking no
 * policy may go without one.
 *
 * Unknown and reference values:
 *  - the policy must be readable: a JSON string (interpolations inside string
 *    values are fine) or a reference to a `data.aws_iam_policy_document` of
 *    this document; an unknown or opaque policy is a finding;
 *  - an account condition value must resolve to a literal 12-digit account
 *    (the environment's, when it is known); a reference is a finding;
 *  - exception statements must name literal actions and literal AWS-owned ARNs;
 *  - an endpoint whose `service_name` is not literal is judged strictly (as
 *    if its service supported policies and had no exceptions).
 */
import type { EndpointPolicyException } from '../../awsFacts';
import {
  S3_OWN_RESOURCES_REASON,
  SERVICES_WITHOUT_ENDPOINT_POLICY,
  endpointServiceFact,
  regionTemplatePattern,
} from '../../awsFacts';
import {
  accountsNamedIn,
  isScopedToAccount,
  isScopedToOrganization,
  principalsInAccount,
} from '../accountScope';
import type { PolicyStatement } from '../policyDocument';
import { readPolicy } from '../policyDocument';
import { bucketName } from '../bucketModel';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';

interface EndpointInfo {
  service?: string;
  type: string;
}

function endpointInfo(
  ctx: RuleContext,
  endpoint: TerraformResource,
): EndpointInfo {
  const name = ctx.doc.attribute(endpoint, 'service_name');
  const type = ctx.doc.attribute(endpoint, 'vpc_endpoint_type');
  const service =
    name.kind === 'literal'
      ? /^com\.amazonaws\.[^.]+\.(.+)$/.exec(String(name.value))?.[1]
      : undefined;
  // The provider's default endpoint type is Gateway.
  return {
    service,
    type: type.kind === 'literal' ? String(type.value) : 'Gateway',
  };
}

function literalStrings(
  ctx: RuleContext,
  values: readonly unknown[],
  from: TerraformResource,
): string[] | undefined {
  const out: string[] = [];
  for (const value of values) {
    const state = ctx.doc.resolve(value, from);
    if (state.kind !== 'literal' || typeof state.value !== 'string')
      return undefined;
    out.push(state.value);
  }
  return out;
}

/** True when the statement is exactly (a subset of) one of the service's exceptions. */
function matchesException(
  ctx: RuleContext,
  statement: PolicyStatement,
  exception: EndpointPolicyException,
  from: TerraformResource,
): boolean {
  const actions = literalStrings(ctx, statement.actions, from);
  if (!actions || actions.length === 0) return false;
  const allowed = new Set(exception.actions.map(a => a.toLowerCase()));
  if (!actions.every(a => allowed.has(a.toLowerCase()))) return false;
  // Actions without a resource: whatever Resource says, there is none to reach.
  if (!exception.resourceTemplates) return true;
  const resources = literalStrings(ctx, statement.resources, from);
  const patterns = exception.resourceTemplates.map(regionTemplatePattern);
  return (
    resources !== undefined &&
    resources.length > 0 &&
    resources.every(r => patterns.some(p => p.test(r)))
  );
}

function hasIdentityPerimeter(
  ctx: RuleContext,
  statement: PolicyStatement,
  from: TerraformResource,
): boolean {
  return (
    isScopedToAccount(ctx, statement, ['aws:PrincipalAccount'], from) ||
    isScopedToOrganization(
      ctx,
      statement,
      'aws:PrincipalOrgID',
      ctx.config.organizationId,
      from,
    ) ||
    principalsInAccount(ctx, statement, from)
  );
}

function hasResourcePerimeter(
  ctx: RuleContext,
  statement: PolicyStatement,
  from: TerraformResource,
): boolean {
  return (
    isScopedToAccount(ctx, statement, ['aws:ResourceAccount'], from) ||
    isScopedToOrganization(
      ctx,
      statement,
      'aws:ResourceOrgID',
      ctx.config.organizationId,
      from,
    )
  );
}

/**
 * True when every Resource of the statement is a literal ARN of a bucket of
 * this document, or of objects in it. `arn:aws:s3:::*`, `*`, a prefix
 * wildcard on the bucket name or a reference Terraform has not resolved are
 * not: they could name any bucket of the account.
 */
function namesOnlyStackBuckets(
  ctx: RuleContext,
  statement: PolicyStatement,
  from: TerraformResource,
): boolean {
  const resources = literalStrings(ctx, statement.resources, from);
  if (!resources || resources.length === 0) return false;
  const names = new Set(
    ctx.doc
      .ofType('aws_s3_bucket')
      .map(b => bucketName(ctx.doc, b))
      .filter((n): n is string => n !== undefined),
  );
  return resources.every(arn => {
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)(\/.*)?$/.exec(arn);
    return m !== null && names.has(m[1]);
  });
}

/** What is wrong with one Allow statement, as findings. */
function statementFindings(
  ctx: RuleContext,
  endpoint: TerraformResource,
  statement: PolicyStatement,
  index: number,
  info: EndpointInfo,
  from: TerraformResource,
): RuleFinding[] {
  const label = `${info.service ?? 'endpoint'} endpoint policy statement ${
    statement.sid ?? index
  }`;
  const account = ctx.accountId ?? '<environment account>';
  if (
    statement.notActions.length > 0 ||
    statement.notResources.length > 0 ||
    statement.notPrincipals.length > 0
  ) {
    return [
      {
        address: endpoint.address,
        problem: `${label} uses NotAction/NotResource/NotPrincipal, which grants everything not listed`,
        fix: 'list the actions, resources and principals the statement allows',
      },
    ];
  }
  const findings: RuleFinding[] = [];
  const fact = endpointServiceFact(info.service ?? '');
  const exceptions = fact?.exceptions ?? [];
  const matched = exceptions.filter(e =>
    matchesException(ctx, statement, e, from),
  );
  const isException = matched.length > 0;
  // The one statement that may go without the identity perimeter: an
  // unsigned read the fact lists (s3:GetObject on the AWS repository
  // buckets); anything wider is not a match and keeps the finding.
  const unsignedRead = matched.some(e => e.unsigned);
  if (!hasIdentityPerimeter(ctx, statement, from) && !unsignedRead) {
    findings.push({
      address: endpoint.address,
      problem: `${label} has no identity perimeter: principals of any account (or unsigned requests) may use the endpoint`,
      fix: `add Condition StringEquals aws:PrincipalAccount = ${account}${
        exceptions.some(e => e.unsigned)
          ? ` (only ${exceptions
              .filter(e => e.unsigned)
              .map(
                e =>
                  `${e.sid}: ${e.actions.join(
                    ', ',
                  )} on ${e.resourceTemplates?.join(', ')}`,
              )
              .join('; ')} may go without it)`
          : ''
      }`,
    });
  }
  if (
    fact?.ownResources === 'stack-buckets' &&
    !isException &&
    !namesOnlyStackBuckets(ctx, statement, from)
  ) {
    const buckets = ctx.doc
      .ofType('aws_s3_bucket')
      .map(b => bucketName(ctx.doc, b))
      .filter((n): n is string => n !== undefined);
    const example = buckets.length
      ? buckets.map(b => `arn:aws:s3:::${b}, arn:aws:s3:::${b}/*`).join(', ')
      : 'arn:aws:s3:::<data bucket>, arn:aws:s3:::<data bucket>/*';
    findings.push({
      address: endpoint.address,
      problem: `${label} admits buckets beyond this stack's own (Resource ${
        statement.resources.map(r => JSON.stringify(r)).join(', ') || 'missing'
      }): ${S3_OWN_RESOURCES_REASON}`,
      fix: `set the statement's Resource to the stack's buckets only: ${example} (stack/endpointPolicies.ts does this from stackBucketNames)`,
    });
  }
  if (!hasResourcePerimeter(ctx, statement, from) && !isException) {
    const target = ctx.config.organizationId
      ? `aws:ResourceAccount = ${account} or aws:ResourceOrgID = ${ctx.config.organizationId}`
      : `aws:ResourceAccount = ${account}`;
    findings.push({
      address: endpoint.address,
      problem: `${label} has no resource perimeter: the environment's principals could write to another account's resources through it${
        exceptions.length
          ? `; it is not one of the ${info.service} exceptions (${exceptions
              .map(e => e.sid)
              .join(', ')})`
          : ''
      }`,
      fix: `add Condition StringEquals ${target}; only the exceptions in awsFacts/endpointServices.ts may go without it`,
    });
  }
  return findings;
}

export const g3EndpointPolicies: GuardrailRule = {
  id: 'G3',
  title: 'VPC endpoints carry a full data perimeter',
  rationale:
    'An endpoint is a door to a whole AWS service, so every endpoint policy admits only the environment\u2019s own principals (identity perimeter) acting on the environment\u2019s own resources (resource perimeter), with a few cited exceptions such as read-only access to the AWS repositories EMR needs.',
  check(ctx) {
    const { doc, config } = ctx;
    const findings: RuleFinding[] = [];
    const relaxations = config.organizationId
      ? [
          `G3 relaxed by config: dataEnclave.guardrails.organizationId lets endpoint policies admit resources of every account in ${config.organizationId} (aws:ResourceOrgID), not only the environment account`,
        ]
      : [];
    const standalonePolicies = doc.ofType('aws_vpc_endpoint_policy');

    // Without a known environment account, a policy naming a second account
    // would pass the per-statement checks; refuse to guess.
    const named = accountsNamedIn(doc);
    if (ctx.accountId === undefined && named.length > 1) {
      findings.push({
        address: 'provider.aws',
        problem: `the stack names several AWS accounts (${named.join(
          ', ',
        )}), so endpoint policies cannot be tied to the environment account`,
        fix: 'use only the environment account, and pass it to the check (accountId option or --account-id)',
      });
    }

    for (const endpoint of doc.ofType('aws_vpc_endpoint')) {
      const info = endpointInfo(ctx, endpoint);
      const label = info.service ?? 'endpoint';
      const holder =
        endpoint.values.policy !== undefined && endpoint.values.policy !== null
          ? endpoint
          : standalonePolicies.find(
              p =>
                doc.referencedResource(
                  p.values.vpc_endpoint_id,
                  ['aws_vpc_endpoint'],
                  p,
                )?.address === endpoint.address,
            );
      const policy = holder
        ? readPolicy(doc, holder)
        : ({ kind: 'absent' } as const);

      if (policy.kind === 'absent') {
        const exempt =
          info.type.toLowerCase() === 'interface' &&
          info.service !== undefined &&
          SERVICES_WITHOUT_ENDPOINT_POLICY.includes(info.service);
        if (!exempt) {
          findings.push({
            address: endpoint.address,
            problem: `the ${label} endpoint has no policy, so AWS attaches the full-access default`,
            fix: 'add an endpoint policy with both perimeters: Condition StringEquals aws:PrincipalAccount and aws:ResourceAccount = <environment account>',
          });
        }
        continue;
      }
      if (policy.kind === 'unverifiable') {
        findings.push({
          address: endpoint.address,
          problem: `the ${label} endpoint policy cannot be verified: ${policy.reason}`,
          fix: 'write the policy as a JSON document (or an aws_iam_policy_document data source) in the stack',
        });
        continue;
      }
      const allows = policy.statements.filter(s => s.effect === 'Allow');
      if (allows.length === 0) {
        findings.push({
          address: endpoint.address,
          problem: `the ${label} endpoint policy has no Allow statement`,
          fix: 'allow the environment account explicitly; an empty policy hides mistakes',
        });
      }
      policy.statements.forEach((statement, index) => {
        if (statement.effect !== 'Allow' && statement.effect !== 'Deny') {
          findings.push({
            address: endpoint.address,
            problem: `statement ${statement.sid ?? index} has Effect ${
              statement.effect
            }, which cannot be verified`,
            fix: 'use a literal "Allow" or "Deny"',
          });
          return;
        }
        // A Deny only narrows what the Allows admit.
        if (statement.effect !== 'Allow') return;
        findings.push(
          ...statementFindings(
            ctx,
            endpoint,
            statement,
            index,
            info,
            policy.from,
          ),
        );
      });
    }
    return { findings, relaxations };
  },
};

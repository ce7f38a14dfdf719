/*
 * G3: every VPC endpoint is policed.
 *
 * Unknown and reference values:
 *  - the policy must be readable: a JSON string (interpolations inside string
 *    values are fine) or a reference to a `data.aws_iam_policy_document` of
 *    this document; an unknown or opaque policy is a finding;
 *  - an account condition value must resolve to a literal 12-digit account
 *    (the environment's, when it is known); a reference is a finding;
 *  - a read-only repository statement must name literal AWS-owned bucket ARNs;
 *  - an endpoint whose `service_name` is not literal is judged strictly (as
 *    if its service supported policies).
 */
import {
  accountsNamedIn,
  isScopedToAccount,
  principalsInAccount,
} from '../accountScope';
import type { PolicyStatement } from '../policyDocument';
import { hasWildcardAction, readPolicy } from '../policyDocument';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';

/**
 * Interface endpoint services that reject an endpoint policy (AWS PrivateLink
 * guide, "AWS services that integrate with AWS PrivateLink", policy column).
 */
export const SERVICES_WITHOUT_ENDPOINT_POLICY = [
  'ssmmessages',
  'ec2messages',
] as const;

const REGION = String.raw`[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d`;
/**
 * AWS-owned buckets that EMR nodes and Amazon Linux / SSM agents read from in a
 * private subnet (EMR Management Guide, "Sample policies for private subnets
 * that access Amazon S3"; Amazon Linux 2023 and SSM agent docs).
 */
export const AWS_REPOSITORY_BUCKETS: readonly RegExp[] = [
  new RegExp(`^repo\\.${REGION}\\.emr\\.amazonaws\\.com$`),
  new RegExp(`^${REGION}\\.elasticmapreduce$`),
  new RegExp(`^prod\\.${REGION}\\.appinfo\\.src$`),
  new RegExp(`^al2023-repos-${REGION}-[0-9a-f]{8}$`),
  new RegExp(`^amazonlinux-2-repos-${REGION}$`),
  new RegExp(`^amazonlinux\\.${REGION}\\.amazonaws\\.com$`),
  new RegExp(`^(?:packages|repo)\\.${REGION}\\.amazonaws\\.com$`),
  new RegExp(
    `^(?:aws-ssm|amazon-ssm|amazon-ssm-packages|aws-windows-downloads)-${REGION}$`,
  ),
];

const READ_ONLY_S3_ACTIONS = new Set([
  's3:getobject',
  's3:getobjectversion',
  's3:listbucket',
  's3:getbucketlocation',
]);

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

function isRepositoryArn(
  ctx: RuleContext,
  value: unknown,
  from: TerraformResource,
): boolean {
  const state = ctx.doc.resolve(value, from);
  if (state.kind !== 'literal' || typeof state.value !== 'string') return false;
  const match = /^arn:aws[a-z-]*:s3:::([^/]+)(?:\/\*)?$/.exec(state.value);
  return match !== null && AWS_REPOSITORY_BUCKETS.some(re => re.test(match[1]));
}

/** Why an Allow statement is too broad for this endpoint, or undefined. */
function allowProblem(
  ctx: RuleContext,
  statement: PolicyStatement,
  info: EndpointInfo,
  from: TerraformResource,
): string | undefined {
  if (statement.notActions.length > 0 || statement.notResources.length > 0) {
    return 'uses NotAction/NotResource, which grants everything not listed';
  }
  const dataService = info.service === 's3' || info.service === 'dynamodb';
  // Data services must pin the *resource* account: pinning only the principal
  // would still let our principals write into someone else's bucket or table.
  const accountKeys = dataService
    ? ['aws:ResourceAccount']
    : ['aws:ResourceAccount', 'aws:PrincipalAccount'];
  if (isScopedToAccount(ctx, statement, accountKeys, from)) return undefined;
  if (!dataService && principalsInAccount(ctx, statement, from))
    return undefined;
  if (
    info.service === 's3' &&
    statement.actions.length > 0 &&
    statement.actions.every(
      a => typeof a === 'string' && READ_ONLY_S3_ACTIONS.has(a.toLowerCase()),
    ) &&
    statement.resources.length > 0 &&
    statement.resources.every(r => isRepositoryArn(ctx, r, from))
  ) {
    return undefined;
  }
  const broad =
    statement.resources.some(r => r === '*') ||
    hasWildcardAction(statement.actions, info.service)
      ? '; as written it grants wildcard access'
      : '';
  return `is not limited to the environment account: it needs a StringEquals condition on ${accountKeys.join(
    ' or ',
  )} = ${ctx.accountId ?? '<environment account>'}${
    info.service === 's3'
      ? ', or read-only access to AWS-owned repository buckets only'
      : ''
  }${broad}`;
}

function allowFix(info: EndpointInfo): string {
  if (info.service === 's3') {
    return 'add Condition StringEquals aws:ResourceAccount = <environment account>, or restrict the statement to s3:GetObject on AWS repository buckets';
  }
  if (info.service === 'dynamodb') {
    return 'add Condition StringEquals aws:ResourceAccount = <environment account>';
  }
  return 'add Condition StringEquals aws:PrincipalAccount (or aws:ResourceAccount) = <environment account>';
}

export const g3EndpointPolicies: GuardrailRule = {
  id: 'G3',
  title: 'VPC endpoints carry restrictive policies',
  rationale:
    'An endpoint is a door to a whole AWS service, including other accounts\u2019 buckets, so each endpoint policy admits only the environment\u2019s own account, plus read-only access to the AWS repositories EMR needs.',
  check(ctx) {
    const { doc } = ctx;
    const findings: RuleFinding[] = [];
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
          (SERVICES_WITHOUT_ENDPOINT_POLICY as readonly string[]).includes(
            info.service,
          );
        if (!exempt) {
          findings.push({
            address: endpoint.address,
            problem: `the ${label} endpoint has no policy, so AWS attaches the full-access default`,
            fix: `add an endpoint policy that allows only the environment account${
              info.service === 's3' || info.service === 'dynamodb'
                ? ' (aws:ResourceAccount condition)'
                : ' (aws:PrincipalAccount condition)'
            }`,
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
        if (statement.effect !== 'Allow') return;
        const problem = allowProblem(ctx, statement, info, policy.from);
        if (problem) {
          findings.push({
            address: endpoint.address,
            problem: `${label} endpoint policy statement ${
              statement.sid ?? index
            } ${problem}`,
            fix: allowFix(info),
          });
        }
      });
    }
    return { findings, relaxations: [] };
  },
};

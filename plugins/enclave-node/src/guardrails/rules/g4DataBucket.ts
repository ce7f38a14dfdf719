/*
 * G4: every bucket of the stack is a locked data bucket. An enclave has no
 * reason for a second, weaker bucket, so all aws_s3_bucket resources are held
 * to the data-bucket standard.
 *
 * Unknown and reference values:
 *  - companion resources (public access block, encryption, versioning,
 *    policy) belong to the bucket when their `bucket` refers to it or equals
 *    its literal name;
 *  - public access block flags and the versioning status must be literal;
 *  - the encryption key must refer to an aws_kms_key/aws_kms_alias of this
 *    document (a literal key ARN cannot be proven to be the environment's);
 *  - in the bucket policy, `aws:SourceVpce` values must refer to an
 *    aws_vpc_endpoint of this document (`aws:SourceVpc` to an aws_vpc); the
 *    deny's resources may be `${aws_s3_bucket.<b>.arn}` (and `…/*`) or the
 *    literal ARN; an unreadable policy is a finding.
 */
import {
  bucketEncryptionProblem,
  bucketName,
  bucketResources,
} from '../bucketModel';
import { describeState } from '../describe';
import { pureReference } from '../expressions';
import type { PolicyStatement } from '../policyDocument';
import {
  conditionsOn,
  hasWildcardAction,
  isAnyPrincipal,
  readPolicy,
} from '../policyDocument';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';
import { asBlocks } from '../values';

const PUBLIC_ACCESS_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

/** Conditions that may narrow the endpoint deny: documented, explicit exceptions. */
const EXCEPTION_KEYS = new Set([
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalservicename',
]);
const NEGATED_OPERATORS = new Set([
  'stringnotequals',
  'stringnotequalsifexists',
]);

interface BucketCoverage {
  bucket: boolean;
  objects: boolean;
}

function coverage(
  ctx: RuleContext,
  statement: PolicyStatement,
  bucket: TerraformResource,
  from: TerraformResource,
): BucketCoverage {
  const name = bucketName(ctx.doc, bucket);
  const result: BucketCoverage = { bucket: false, objects: false };
  for (const raw of statement.resources) {
    if (raw === '*') return { bucket: true, objects: true };
    const state = ctx.doc.resolve(raw, from);
    if (state.kind === 'literal' && typeof state.value === 'string' && name) {
      if (state.value === `arn:aws:s3:::${name}`) result.bucket = true;
      if (state.value === `arn:aws:s3:::${name}/*`) result.objects = true;
    }
    if (state.kind === 'expression') {
      // `${aws_s3_bucket.b.arn}` or `${aws_s3_bucket.b.arn}/*`.
      const text = state.expression;
      const head = text.endsWith('/*') ? text.slice(0, -2) : text;
      const ref = pureReference(head);
      if (
        ref &&
        ref.attribute.join('.') === 'arn' &&
        ctx.doc.find(ref.address, from)?.address === bucket.address
      ) {
        if (text.endsWith('/*')) result.objects = true;
        else result.bucket = true;
      }
    }
  }
  return result;
}

function deniesEverything(
  ctx: RuleContext,
  s: PolicyStatement,
  bucket: TerraformResource,
  from: TerraformResource,
): boolean {
  const cover = coverage(ctx, s, bucket, from);
  return (
    s.effect === 'Deny' &&
    isAnyPrincipal(s) &&
    s.notActions.length === 0 &&
    hasWildcardAction(s.actions, 's3') &&
    cover.bucket &&
    cover.objects
  );
}

function isTlsDeny(
  ctx: RuleContext,
  s: PolicyStatement,
  bucket: TerraformResource,
  from: TerraformResource,
): boolean {
  if (!deniesEverything(ctx, s, bucket, from)) return false;
  const tls = conditionsOn(s, 'aws:SecureTransport');
  return (
    s.conditions.length === 1 &&
    tls.length === 1 &&
    tls[0].test.toLowerCase() === 'bool' &&
    tls[0].values.length > 0 &&
    tls[0].values.every(v => String(v) === 'false')
  );
}

/** Why the statement is not a sound "only via our endpoint" deny; undefined when it is. */
function endpointDenyProblem(
  ctx: RuleContext,
  s: PolicyStatement,
  bucket: TerraformResource,
  from: TerraformResource,
): string | undefined {
  const { doc } = ctx;
  const vpce = conditionsOn(s, 'aws:SourceVpce');
  const vpc = conditionsOn(s, 'aws:SourceVpc');
  const network = [...vpce, ...vpc];
  if (network.length === 0 || !deniesEverything(ctx, s, bucket, from))
    return 'not-a-candidate';
  for (const c of network) {
    if (!NEGATED_OPERATORS.has(c.test.toLowerCase())) {
      return `its ${c.variable} condition uses ${c.test} instead of StringNotEquals`;
    }
    const type =
      c.variable.toLowerCase() === 'aws:sourcevpce'
        ? 'aws_vpc_endpoint'
        : 'aws_vpc';
    for (const value of c.values) {
      if (!doc.referencedResource(value, [type], from)) {
        return `its ${c.variable} value ${describeState(
          doc.resolve(value, from),
        )} is not a ${type} of this stack`;
      }
    }
  }
  for (const c of s.conditions) {
    const key = c.variable.toLowerCase();
    if (key === 'aws:sourcevpce' || key === 'aws:sourcevpc') continue;
    if (!EXCEPTION_KEYS.has(key)) {
      return `its extra condition ${c.test} ${c.variable} narrows the deny in a way that is not a documented exception`;
    }
    if (key === 'aws:principalisawsservice') {
      if (
        c.test.toLowerCase() !== 'bool' ||
        !c.values.every(v => String(v) === 'false')
      ) {
        return `its aws:PrincipalIsAWSService exception must be Bool "false"`;
      }
      continue;
    }
    for (const value of c.values) {
      const state = doc.resolve(value, from);
      const text = state.kind === 'literal' ? String(state.value) : '';
      // An exception must name principals of one account, never "any account".
      if (
        key === 'aws:principalarn' &&
        !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[^*]/.test(text)
      ) {
        return `its aws:PrincipalArn exception ${describeState(
          state,
        )} is not a specific IAM role or user ARN`;
      }
      if (
        key === 'aws:principalservicename' &&
        !/^[a-z0-9.-]+\.amazonaws\.com$/.test(text)
      ) {
        return `its aws:PrincipalServiceName exception ${describeState(
          state,
        )} is not a specific AWS service`;
      }
    }
  }
  return undefined;
}

function checkBucket(
  ctx: RuleContext,
  bucket: TerraformResource,
): RuleFinding[] {
  const { doc } = ctx;
  const findings: RuleFinding[] = [];
  const add = (problem: string, fix: string, address = bucket.address) =>
    findings.push({ address, problem, fix });

  // Public access block.
  const blocks = bucketResources(
    doc,
    bucket,
    'aws_s3_bucket_public_access_block',
  );
  if (blocks.length === 0) {
    add(
      'the bucket has no public access block',
      'add aws_s3_bucket_public_access_block with all four flags true',
    );
  }
  for (const block of blocks) {
    for (const flag of PUBLIC_ACCESS_FLAGS) {
      const state = doc.attribute(block, flag);
      if (!(state.kind === 'literal' && state.value === true)) {
        add(
          `${flag} is ${describeState(state)}`,
          `set ${flag} = true`,
          block.address,
        );
      }
    }
  }

  // ACLs.
  const aclState = doc.attribute(bucket, 'acl');
  if (
    aclState.kind !== 'absent' &&
    !(aclState.kind === 'literal' && aclState.value === 'private')
  ) {
    add(
      `the bucket acl is ${describeState(aclState)}`,
      'remove the acl; access is decided by the bucket policy',
    );
  }
  for (const acl of bucketResources(doc, bucket, 'aws_s3_bucket_acl')) {
    const state = doc.attribute(acl, 'acl');
    if (!(state.kind === 'literal' && state.value === 'private')) {
      add(
        `the bucket ACL is ${describeState(state)}`,
        'remove the ACL resource or set acl = "private"',
        acl.address,
      );
    }
  }

  // Encryption.
  const encryption = bucketEncryptionProblem(doc, bucket);
  if (encryption) {
    add(
      encryption,
      'add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and the environment KMS key',
    );
  }

  // Versioning.
  const versioning = bucketResources(doc, bucket, 'aws_s3_bucket_versioning');
  const enabled =
    versioning.some(v => {
      const status = doc.attribute(v, 'versioning_configuration.status');
      return status.kind === 'literal' && status.value === 'Enabled';
    }) ||
    // Provider v3 style inline `versioning { enabled = true }`.
    asBlocks(bucket.values.versioning).some(v => v.enabled === true);
  if (!enabled) {
    add(
      'versioning is not enabled',
      'add aws_s3_bucket_versioning with versioning_configuration.status = "Enabled"',
    );
  }

  // Bucket policy: TLS only, and only via the environment's endpoint.
  const policies = bucketResources(doc, bucket, 'aws_s3_bucket_policy');
  if (policies.length === 0) {
    add(
      'the bucket has no policy, so it is reachable from anywhere credentials work',
      'add a bucket policy that denies non-TLS access and access not via the environment VPC endpoint',
    );
    return findings;
  }
  const statements: {
    s: PolicyStatement;
    from: TerraformResource;
    address: string;
  }[] = [];
  for (const holder of policies) {
    const policy = readPolicy(doc, holder);
    if (policy.kind !== 'policy') {
      add(
        `the bucket policy cannot be verified: ${
          policy.kind === 'unverifiable' ? policy.reason : 'it is empty'
        }`,
        'write the policy as a JSON document (or an aws_iam_policy_document data source) in the stack',
        holder.address,
      );
      return findings;
    }
    statements.push(
      ...policy.statements.map(s => ({
        s,
        from: policy.from,
        address: holder.address,
      })),
    );
  }
  const policyAddress = policies[0].address;
  if (!statements.some(({ s, from }) => isTlsDeny(ctx, s, bucket, from))) {
    add(
      'the bucket policy does not deny requests without TLS',
      'add a Deny of s3:* on the bucket and its objects for Principal "*" with Condition Bool aws:SecureTransport = "false"',
      policyAddress,
    );
  }
  const endpointDenies = statements.map(({ s, from }) =>
    endpointDenyProblem(ctx, s, bucket, from),
  );
  if (!endpointDenies.includes(undefined)) {
    const reasons = endpointDenies.filter(p => p !== 'not-a-candidate');
    add(
      reasons.length
        ? `the bucket policy's endpoint deny is unsound: ${reasons.join('; ')}`
        : 'the bucket policy does not deny access that does not come through the environment VPC endpoint',
      'add a Deny of s3:* on the bucket and its objects for Principal "*" with Condition StringNotEquals aws:SourceVpce = <the S3 gateway endpoint id>; exceptions only via aws:PrincipalArn (admin roles) or aws:PrincipalIsAWSService',
      policyAddress,
    );
  }
  statements.forEach(({ s, address }, index) => {
    if (
      s.effect === 'Allow' &&
      isAnyPrincipal(s) &&
      s.conditions.length === 0
    ) {
      add(
        `statement ${s.sid ?? index} allows ${
          s.actions.join(', ') || 'actions'
        } to any principal without a condition`,
        'grant access to IAM principals of the environment account instead',
        address,
      );
    }
  });
  return findings;
}

export const g4DataBucket: GuardrailRule = {
  id: 'G4',
  title: 'The data bucket is private, encrypted and endpoint-only',
  rationale:
    'The data bucket holds what must not leave, so it blocks public access, is encrypted with the environment key, versioned, TLS-only, and denies any request that does not arrive through the environment\u2019s VPC endpoint.',
  check(ctx) {
    const findings = ctx.doc
      .ofType('aws_s3_bucket')
      .flatMap(bucket => checkBucket(ctx, bucket));
    return { findings, relaxations: [] };
  },
};

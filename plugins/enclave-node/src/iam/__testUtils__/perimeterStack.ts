/*
 * The policies of the synthesized example stack, as iam-simulate needs them:
 * every endpoint policy, the data bucket policy, the KMS key policy and the
 * EMR node role's identity policy, with Terraform references replaced by
 * stand-in values (ids and ARNs only known after apply). The stack is
 * synthesized in apply mode with a deployer role, the way a platform runs it,
 * so the bucket policy carries the deployer's exemption.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeEnvironment } from '../../stack';
import { EXAMPLE_SPEC_PATH } from '../../guardrails/__testUtils__/cleanStack';

type Json = Record<string, any>;

export const DEPLOYER_ROLE_ARN =
  'arn:aws:iam::123456789012:role/enclave-deployer';

export interface PerimeterStack {
  accountId: string;
  region: string;
  /** Endpoint policy documents by short service name (absent: no policy). */
  endpointPolicies: Record<string, Json | undefined>;
  /** Stand-in endpoint ids by short service name (what aws:SourceVpce carries). */
  endpointIds: Record<string, string>;
  bucketName: string;
  bucketArn: string;
  bucketPolicy: Json;
  keyArn: string;
  keyPolicy: Json;
  emrInstanceRoleArn: string;
  emrInstanceRolePolicy: Json;
}

/** Stand-in for an attribute Terraform only knows after apply. */
function standIn(
  stack: Json,
  type: string,
  name: string,
  attr: string,
  accountId: string,
  region: string,
): string {
  const body = stack.resource?.[type]?.[name];
  if (!body) throw new Error(`reference to a missing resource ${type}.${name}`);
  const key = `${type}.${attr}`;
  switch (key) {
    case 'aws_s3_bucket.arn':
      return `arn:aws:s3:::${body.bucket}`;
    case 'aws_s3_bucket.id':
    case 'aws_s3_bucket.bucket':
      return body.bucket;
    case 'aws_kms_key.arn':
      return `arn:aws:kms:${region}:${accountId}:key/0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b`;
    case 'aws_vpc_endpoint.id':
      return endpointIdFor(String(body.service_name).split('.').pop()!);
    case 'aws_iam_role.arn':
      return `arn:aws:iam::${accountId}:role/${body.name}`;
    case 'aws_iam_role.id':
    case 'aws_iam_role.name':
      return body.name;
    case 'aws_cloudwatch_log_group.arn':
      return `arn:aws:logs:${region}:${accountId}:log-group:${body.name}`;
    default:
      throw new Error(
        `no stand-in for \${${type}.${name}.${attr}}: add one to perimeterStack.ts`,
      );
  }
}

function endpointIdFor(service: string): string {
  return `vpce-0${Buffer.from(service).toString('hex').slice(0, 16)}`;
}

function resolveReferences(
  text: string,
  stack: Json,
  accountId: string,
  region: string,
): string {
  return text.replace(
    /\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}/g,
    (_, type, name, attr) =>
      standIn(stack, type, name, attr, accountId, region),
  );
}

function only(stack: Json, type: string, hint = ''): [string, Json] {
  const entries = Object.entries<Json>(stack.resource?.[type] ?? {}).filter(
    ([name]) => name.includes(hint),
  );
  if (entries.length !== 1)
    throw new Error(`expected one ${type} matching '${hint}'`);
  return entries[0];
}

/** Synthesizes the example stack and extracts its policies. */
export function synthesizePerimeterStack(): PerimeterStack {
  const spec = JSON.parse(readFileSync(EXAMPLE_SPEC_PATH, 'utf8'));
  const outDir = mkdtempSync(join(tmpdir(), 'enclave-perimeter-'));
  try {
    const { summary } = synthesizeEnvironment(spec, outDir, {
      provider: { mode: 'apply', assumeRoleArn: DEPLOYER_ROLE_ARN },
    });
    const stack = JSON.parse(readFileSync(summary.file, 'utf8'));
    const { accountId, region } = spec;
    const policy = (text: string): Json => {
      const resolved = resolveReferences(text, stack, accountId, region);
      if (resolved.includes('${'))
        throw new Error(`unresolved reference left in ${resolved}`);
      return JSON.parse(resolved);
    };

    const endpointPolicies: Record<string, Json | undefined> = {};
    const endpointIds: Record<string, string> = {};
    for (const body of Object.values<Json>(stack.resource.aws_vpc_endpoint)) {
      const service = String(body.service_name).split('.').pop()!;
      endpointPolicies[service] = body.policy ? policy(body.policy) : undefined;
      endpointIds[service] = endpointIdFor(service);
    }
    const [, bucket] = only(stack, 'aws_s3_bucket');
    const [, bucketPolicy] = only(stack, 'aws_s3_bucket_policy');
    const [keyName, key] = only(stack, 'aws_kms_key');
    const [roleName, role] = only(stack, 'aws_iam_role', 'emr_instance-role');
    const [, rolePolicy] = Object.entries<Json>(
      stack.resource.aws_iam_role_policy,
    ).find(([, p]) => String(p.role).includes(`.${roleName}.`))!;
    return {
      accountId,
      region,
      endpointPolicies,
      endpointIds,
      bucketName: bucket.bucket,
      bucketArn: `arn:aws:s3:::${bucket.bucket}`,
      bucketPolicy: policy(bucketPolicy.policy),
      keyArn: standIn(stack, 'aws_kms_key', keyName, 'arn', accountId, region),
      keyPolicy: policy(key.policy),
      emrInstanceRoleArn: `arn:aws:iam::${accountId}:role/${role.name}`,
      emrInstanceRolePolicy: policy(rolePolicy.policy),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/*
 * G11 on small hand-written documents: the allow-list, its config relaxation,
 * and the dangerous shapes of types a stack may contain (bucket policies on
 * any bucket, replication, RAM). The stack mutants cover the same shapes on
 * the real stack at synth and plan level.
 */
import { checkGuardrails } from '../checkGuardrails';
import type { GuardrailOptions } from '../types';
import { ALLOWED_RESOURCE_TYPES } from './allowedResourceTypes';

type Json = Record<string, any>;
const ACCOUNT = '123456789012';

function g11(resource: Json, options: GuardrailOptions = {}) {
  const rule = checkGuardrails(
    {
      provider: { aws: [{ region: 'eu-west-1' }] },
      resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } }, ...resource },
    },
    { accountId: ACCOUNT, ...options },
  ).rules.find(r => r.id === 'G11')!;
  return {
    problems: rule.findings.map(f => `${f.address}: ${f.problem}`),
    fixes: rule.findings.map(f => f.fix),
    relaxations: rule.relaxations,
  };
}

const policy = (statement: Json) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('G11 closed world', () => {
  it('refuses a type that is not on the allow-list and says how to allow it', () => {
    const result = g11({
      aws_lambda_function_url: { u: { function_name: 'f' } },
    });
    expect(result.problems).toEqual([
      "aws_lambda_function_url.u: resource type aws_lambda_function_url is not on the enclave's allow-list",
    ]);
    expect(result.fixes[0]).toContain(
      'dataEnclave.guardrails.allowedExtraResourceTypes',
    );
    const allowed = g11(
      { aws_lambda_function_url: { u: { function_name: 'f' } } },
      { config: { allowedExtraResourceTypes: ['aws_lambda_function_url'] } },
    );
    expect(allowed.problems).toEqual([]);
    expect(allowed.relaxations).toEqual([
      'resource type aws_lambda_function_url is allowed by dataEnclave.guardrails.allowedExtraResourceTypes',
    ]);
  });

  it('has no duplicates in the allow-list', () => {
    expect(new Set(ALLOWED_RESOURCE_TYPES).size).toBe(
      ALLOWED_RESOURCE_TYPES.length,
    );
  });

  it('judges the policy of every bucket: own principals pass, public and foreign fail', () => {
    const bucket = { aws_s3_bucket: { logs: { bucket: 'logs-123456789012' } } };
    const withPolicy = (statement: Json) =>
      g11({
        ...bucket,
        aws_iam_role: { r: { name: 'r', assume_role_policy: '{}' } },
        aws_s3_bucket_policy: {
          p: { bucket: '${aws_s3_bucket.logs.id}', policy: policy(statement) },
        },
      }).problems;
    const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    expect(
      withPolicy({ ...base, Principal: { AWS: '${aws_iam_role.r.arn}' } }),
    ).toEqual([]);
    expect(
      withPolicy({
        ...base,
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      }),
    ).toEqual([]);
    expect(
      withPolicy({
        ...base,
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
      }),
    ).toEqual([]);
    expect(withPolicy({ ...base, Principal: '*' })).toEqual([
      'aws_s3_bucket_policy.p: statement allows any principal (a public bucket policy)',
    ]);
    expect(
      withPolicy({
        ...base,
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
      }),
    ).toEqual([
      'aws_s3_bucket_policy.p: statement grants "arn:aws:iam::999999999999:root", which is not in the environment account',
    ]);
    // Deny statements never grant anything.
    expect(withPolicy({ ...base, Effect: 'Deny', Principal: '*' })).toEqual([]);
  });

  it('allows replication only to a bucket of this stack, once the type is allowed', () => {
    const options = {
      config: {
        allowedExtraResourceTypes: ['aws_s3_bucket_replication_configuration'],
      },
    };
    const replicate = (destination: Json) =>
      g11(
        {
          aws_s3_bucket: { a: { bucket: 'a' }, b: { bucket: 'b' } },
          aws_s3_bucket_replication_configuration: {
            r: {
              bucket: '${aws_s3_bucket.a.id}',
              role: 'arn:aws:iam::123456789012:role/x',
              rule: [{ status: 'Enabled', destination: [destination] }],
            },
          },
        },
        options,
      ).problems;
    expect(replicate({ bucket: '${aws_s3_bucket.b.arn}' })).toEqual([]);
    expect(
      replicate({ bucket: '${aws_s3_bucket.b.arn}', account: '999999999999' }),
    ).toHaveLength(1);
    expect(replicate({ bucket: 'arn:aws:s3:::elsewhere' })).toEqual([
      'aws_s3_bucket_replication_configuration.r: replicates objects to "arn:aws:s3:::elsewhere", which is not a bucket of this stack',
    ]);
  });

  it('refuses RAM shares open to external principals even when the types are allowed', () => {
    const options = {
      config: {
        allowedExtraResourceTypes: [
          'aws_ram_resource_share',
          'aws_ram_principal_association',
        ],
      },
    };
    expect(
      g11({ aws_ram_resource_share: { s: { name: 's' } } }, options).problems,
    ).toEqual([
      'aws_ram_resource_share.s: the RAM share allows external principals (allow_external_principals = (not set))',
    ]);
    expect(
      g11(
        {
          aws_ram_resource_share: {
            s: { name: 's', allow_external_principals: false },
          },
          aws_ram_principal_association: {
            p: {
              principal: ACCOUNT,
              resource_share_arn: '${aws_ram_resource_share.s.arn}',
            },
          },
        },
        options,
      ).problems,
    ).toEqual([]);
  });
});

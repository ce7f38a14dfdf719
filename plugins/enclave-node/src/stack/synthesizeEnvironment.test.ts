import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dataEnclaveConfigSchema,
  ENCLAVE_TAG_KEYS,
} from '@data-enclave/plugin-enclave-common';
import {
  synthesizeEnvironment,
  synthesizeOptionsFromConfig,
} from './synthesizeEnvironment';
import { ENCLAVE_OUTPUTS } from './enclaveStack';
import { BASE_SPEC, TerraformJson } from './__testUtils__/synthJson';

describe('synthesizeEnvironment', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'enclave-synth-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  const read = (file: string) =>
    JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;

  it('writes stacks/<name>/cdk.tf.json with a plan-mode provider, default tags and all outputs', () => {
    const { stackDir, summary } = synthesizeEnvironment(BASE_SPEC, outDir);
    expect(stackDir).toBe(join(outDir, 'stacks', 'analytics'));
    const json = read(summary.file);
    const [provider] = json.provider!.aws;
    expect(provider).toMatchObject({
      region: 'eu-west-1',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
    expect(provider.assume_role).toBeUndefined();
    expect(provider.default_tags[0].tags).toEqual({
      [ENCLAVE_TAG_KEYS.environment]: 'analytics',
      [ENCLAVE_TAG_KEYS.team]: 'data-science',
      [ENCLAVE_TAG_KEYS.owner]: 'group:default/data-science',
      [ENCLAVE_TAG_KEYS.stackVersion]: '1.0.0',
    });
    expect(json.terraform!.backend).toEqual({
      local: { path: 'terraform.tfstate' },
    });
    expect(Object.keys(json.output!).sort()).toEqual(
      [...ENCLAVE_OUTPUTS].sort(),
    );
    expect(json.data).toBeUndefined();
    expect(summary).toMatchObject({
      dataSourceTotal: 0,
      providerMode: 'plan',
      backend: 'local',
    });
    expect(summary.sensitiveVariables).toEqual(['directory_admin_password']);
    expect(summary.resourceCounts).toMatchObject({
      aws_vpc: 1,
      aws_subnet: 2,
      terraform_data: 1,
      aws_workspaces_directory: 1,
      aws_directory_service_directory: 1,
      aws_flow_log: 1,
      aws_kms_key: 1,
    });
    expect(summary.resourceTotal).toBe(
      Object.values(summary.resourceCounts).reduce((a, b) => a + b, 0),
    );
  });

  it('renders apply mode with assume_role and allowed_account_ids, and an S3 backend with lockfile', () => {
    const { summary } = synthesizeEnvironment(BASE_SPEC, outDir, {
      provider: {
        mode: 'apply',
        assumeRoleArn: 'arn:aws:iam::123456789012:role/deployer',
      },
      backend: {
        type: 's3',
        bucket: 'state',
        region: 'eu-west-1',
        kmsKeyId: 'alias/state',
      },
    });
    const json = read(summary.file);
    const [provider] = json.provider!.aws;
    expect(provider.skip_credentials_validation).toBeUndefined();
    expect(provider.allowed_account_ids).toEqual(['123456789012']);
    expect(provider.assume_role).toEqual([
      {
        role_arn: 'arn:aws:iam::123456789012:role/deployer',
        session_name: 'data-enclave-analytics',
      },
    ]);
    expect(json.terraform!.backend.s3).toEqual({
      bucket: 'state',
      key: 'data-enclave/data-science/analytics.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/state',
      use_lockfile: true,
    });
    // The deployer is exempt from the endpoint-only bucket rule, or it could not manage the bucket.
    const policy = Object.values(json.resource!.aws_s3_bucket_policy)[0]
      .policy as string;
    expect(policy).toContain('arn:aws:iam::123456789012:role/deployer');
  });

  it('fills defaults: derived VPC CIDR, directory domain, EMR 7 release', () => {
    const { spec, summary } = synthesizeEnvironment(BASE_SPEC, outDir);
    expect(spec.vpcCidr).toMatch(/^10\.\d{1,3}\.0\.0\/16$/);
    expect(spec.directory).toEqual({
      domainName: 'analytics.enclave.internal',
      shortName: 'ANALYTICS',
    });
    const json = read(summary.file);
    const vpc = Object.values(json.resource!.aws_vpc)[0];
    expect(vpc.cidr_block).toBe(spec.vpcCidr);
    // The on-demand cluster's launch spec (no aws_emr_cluster in Terraform).
    expect(json.resource!.aws_emr_cluster).toBeUndefined();
    const cluster = Object.values(json.resource!.terraform_data)[0].input;
    expect(cluster.release_label).toMatch(/^emr-7\./);
    expect(cluster.core_instance_group[0].instance_count).toBe(2);
  });

  it('never writes the directory password or a default for it', () => {
    const { summary } = synthesizeEnvironment(BASE_SPEC, outDir);
    const text = readFileSync(summary.file, 'utf8');
    const json = JSON.parse(text) as TerraformJson;
    expect(json.variable!.directory_admin_password).not.toHaveProperty(
      'default',
    );
    const directory = Object.values(
      json.resource!.aws_directory_service_directory,
    )[0];
    expect(directory.password).toBe('${var.directory_admin_password}');
  });

  it('rejects an invalid spec naming the field, and 0.0.0.0/0 unless configured', () => {
    expect(() =>
      synthesizeEnvironment({ ...BASE_SPEC, name: 'A' }, outDir),
    ).toThrow(/name: must be 3–32/);
    const anyClient = { ...BASE_SPEC, clientCidrs: ['0.0.0.0/0'] };
    expect(() => synthesizeEnvironment(anyClient, outDir)).toThrow(
      /clientCidrs\.0: '0\.0\.0\.0\/0' admits every address: it is refused unless the platform sets dataEnclave\.guardrails\.allowAnyClientCidr: true/,
    );
    expect(
      synthesizeEnvironment(anyClient, outDir, {
        guardrails: { allowAnyClientCidr: true },
      }).summary.resourceTotal,
    ).toBeGreaterThan(0);
  });

  it('plans with a local backend in plan mode, even when an S3 backend is configured', () => {
    // The plan-mode provider's fake keys would be refused by the S3 backend
    // at init; a never-applied environment has no state to share.
    const config = dataEnclaveConfigSchema.parse({
      mode: 'plan',
      terraform: {
        backend: {
          type: 's3',
          bucket: 'tf-state',
          region: 'eu-west-1',
          kmsKeyId: 'k',
        },
      },
    });
    const options = synthesizeOptionsFromConfig(config, {
      accountId: '123456789012',
      region: 'eu-west-1',
    });
    expect(options.backend).toEqual({ type: 'local' });
    expect(options.provider).toEqual({ mode: 'plan' });
  });

  it('maps dataEnclave config to options', () => {
    const config = dataEnclaveConfigSchema.parse({
      mode: 'apply',
      accounts: [
        {
          accountId: '123456789012',
          regions: ['eu-west-1'],
          roleArn: 'arn:aws:iam::123456789012:role/deployer',
          platformAdminRoleArn: 'arn:aws:iam::123456789012:role/admin',
        },
      ],
      terraform: {
        backend: {
          type: 's3',
          bucket: 'tf-state',
          region: 'eu-west-1',
          kmsKeyId: 'k',
        },
      },
      guardrails: { allowedExtraDomains: ['pypi.org'] },
    });
    expect(
      synthesizeOptionsFromConfig(config, {
        accountId: '123456789012',
        region: 'eu-west-1',
      }),
    ).toEqual({
      provider: {
        mode: 'apply',
        assumeRoleArn: 'arn:aws:iam::123456789012:role/deployer',
      },
      backend: {
        type: 's3',
        bucket: 'tf-state',
        region: 'eu-west-1',
        keyPrefix: 'data-enclave',
        kmsKeyId: 'k',
      },
      guardrails: {
        allowedExtraDomains: ['pypi.org'],
        allowAnyClientCidr: false,
      },
      platformAdminRoleArns: ['arn:aws:iam::123456789012:role/admin'],
    });
  });
});

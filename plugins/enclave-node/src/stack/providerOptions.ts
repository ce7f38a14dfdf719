/*
 * How the stack's AWS provider authenticates, and where its state lives.
 *
 * Plan mode is the default on a fresh machine: no AWS credentials exist, yet
 * `terraform plan` must run for real. The provider is therefore told not to
 * validate credentials, not to look up the account id (it comes from the spec)
 * and not to probe the EC2 metadata service; the runner sets dummy
 * credentials. Nothing in the stack reads data sources, so nothing else calls AWS.
 *
 * Apply mode uses the ambient credential chain (env, profile, SSO...),
 * optionally assumes a role in the environment's account, and pins
 * `allowed_account_ids` so a mis-pointed credential can never apply an
 * environment into the wrong account.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ConstructPropsError } from './assertProps';

export type EnclaveProviderOptions =
  | { mode: 'plan' }
  | {
      mode: 'apply';
      /** Role Terraform assumes in the environment's account (`accounts[].roleArn`). */
      assumeRoleArn?: string;
      /** External id for the assume-role call, if the role requires one. */
      externalId?: string;
      /** Session name shown in CloudTrail. Default `data-enclave-<name>`. */
      sessionName?: string;
      /** Named profile to start from instead of the default chain. */
      profile?: string;
    };

/**
 * State backend. `local` (default) keeps state next to the stack (plan mode,
 * tests). `s3` matches `dataEnclave.terraform.backend`: state is stored at
 * `<keyPrefix>/<team>/<name>.tfstate`, encrypted with the platform's KMS key and
 * locked with S3 native locking (`use_lockfile`, no DynamoDB table).
 */
export type EnclaveBackendOptions =
  | {
      type: 'local';
      /** State file path, relative to the stack dir. Default `terraform.tfstate`. */ path?: string;
    }
  | {
      type: 's3';
      bucket: string;
      region: string;
      keyPrefix?: string;
      kmsKeyId: string;
    };

export function configureProvider(
  scope: Construct,
  options: EnclaveProviderOptions,
  env: {
    region: string;
    accountId: string;
    name: string;
    defaultTags: Record<string, string>;
  },
): AwsProvider {
  const common = {
    region: env.region,
    defaultTags: [{ tags: env.defaultTags }],
  };
  if (options.mode === 'plan') {
    return new AwsProvider(scope, 'aws', {
      ...common,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
    });
  }
  if (options.mode !== 'apply') {
    throw new ConstructPropsError(
      'EnclaveStack',
      'provider.mode',
      `must be 'plan' or 'apply'`,
    );
  }
  if (
    options.assumeRoleArn &&
    !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(options.assumeRoleArn)
  ) {
    throw new ConstructPropsError(
      'EnclaveStack',
      'provider.assumeRoleArn',
      'must be an IAM role ARN',
    );
  }
  return new AwsProvider(scope, 'aws', {
    ...common,
    allowedAccountIds: [env.accountId],
    profile: options.profile,
    assumeRole: options.assumeRoleArn
      ? [
          {
            roleArn: options.assumeRoleArn,
            externalId: options.externalId,
            sessionName: options.sessionName ?? `data-enclave-${env.name}`,
          },
        ]
      : undefined,
  });
}

/** The team part of a group ref, as used in state keys: `group:default/x` → `x`, `group:ns/x` → `ns.x`. */
export function teamKey(team: string): string {
  const [, namespace = 'default', name = team] =
    /^group:([^/]+)\/(.+)$/.exec(team) ?? [];
  return namespace === 'default' ? name : `${namespace}.${name}`;
}

export function configureBackend(
  stack: TerraformStack,
  options: EnclaveBackendOptions,
  env: { team: string; name: string },
): void {
  if (options.type === 'local') {
    new LocalBackend(stack, { path: options.path ?? 'terraform.tfstate' });
    return;
  }
  if (options.type !== 's3') {
    throw new ConstructPropsError(
      'EnclaveStack',
      'backend.type',
      `must be 'local' or 's3'`,
    );
  }
  for (const key of ['bucket', 'region', 'kmsKeyId'] as const) {
    if (!options[key])
      throw new ConstructPropsError(
        'EnclaveStack',
        `backend.${key}`,
        'is required for an s3 backend',
      );
  }
  new S3Backend(stack, {
    bucket: options.bucket,
    key: `${options.keyPrefix ?? 'data-enclave'}/${teamKey(env.team)}/${
      env.name
    }.tfstate`,
    region: options.region,
    encrypt: true,
    kmsKeyId: options.kmsKeyId,
  });
  // cdktf 0.21's S3Backend predates S3 native locking (Terraform ≥ 1.10).
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

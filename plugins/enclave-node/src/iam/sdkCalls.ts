/*
 * The AWS calls our own code makes with the SDK (enclave-node `aws/**`,
 * `provision/**`, the backend's status and credential services, the
 * scaffolder's apply mode) and the Directory Service Data requests the SigV4
 * client signs. Keyed by `<@aws-sdk/client-… package suffix>:<Command>`; a
 * paginator counts as its command. deployerPolicy.test.ts scans the
 * production sources and fails when a command is used that has no entry here
 * (or an entry no source uses), so a new SDK call cannot ship unjudged.
 *
 * Each entry lists every IAM authorization the call needs, including the ones
 * the service makes in the caller's name (KMS via Secrets Manager, KMS grants
 * via WorkSpaces, iam:PassRole for EMR). The principal is the deployer role:
 * `accounts[].roleArn` is assumed by Terraform and the SDK alike.
 */
import { ApiCall } from './apiCalls';
import { KEY } from './providerCalls';

export interface SdkCallEntry {
  /** Where the call is made (repository-relative, for the printed list). */
  files: string[];
  calls: ApiCall[];
}

const WS = 'arn:aws:workspaces:{region}:{account}';
const WORKSPACE = `${WS}:workspace/ws-0example`;
const WS_DIRECTORY = `${WS}:directory/d-0example`;
const DIRECTORY = 'arn:aws:ds:{region}:{account}:directory/d-0example';
const USER_SECRET =
  'arn:aws:secretsmanager:{region}:{account}:secret:enclave/analytics/jdoe-AbCdEf';
const ADMIN_SECRET =
  'arn:aws:secretsmanager:{region}:{account}:secret:{name}/directory-admin-AbCdEf';
const CLUSTER = 'arn:aws:elasticmapreduce:{region}:{account}:cluster/j-EXAMPLE';
const BUCKET_OBJECT =
  'arn:aws:s3:::{name}-{account}/emr-logs/j-EXAMPLE/node.log';
const VIA_SECRETS_MANAGER = {
  'kms:ViaService': 'secretsmanager.{region}.amazonaws.com',
  'kms:CallerAccount': '{account}',
};
const SDK = ['sdk'] as ApiCall['on'];

/** GetSecretValue under the environment key: Secrets Manager decrypts with the caller's kms:Decrypt. */
function getSecretValue(resource: string): ApiCall[] {
  return [
    { action: 'secretsmanager:GetSecretValue', resource, on: SDK },
    {
      action: 'kms:Decrypt',
      resource: KEY,
      on: SDK,
      context: VIA_SECRETS_MANAGER,
      why: 'Secrets Manager guide, "Secret encryption and decryption": GetSecretValue calls Decrypt as the caller',
    },
  ];
}

/** Storing a value under the environment key: GenerateDataKey as the caller. */
const GENERATE_DATA_KEY_VIA_SM: ApiCall = {
  action: 'kms:GenerateDataKey',
  resource: KEY,
  on: SDK,
  context: VIA_SECRETS_MANAGER,
  why: 'Secrets Manager guide, "Secret encryption and decryption": a new secret value is encrypted with a data key generated as the caller',
};

export const SDK_CALLS: Readonly<Record<string, SdkCallEntry>> = {
  'workspaces:DescribeWorkspaces': {
    files: [
      'plugins/enclave-node/src/aws/createWorkspaces.ts',
      'plugins/enclave-node/src/aws/waitForWorkspaces.ts',
      'plugins/enclave-node/src/aws/status.ts',
      'plugins/enclave-node/src/aws/teardown.ts',
    ],
    calls: [
      { action: 'workspaces:DescribeWorkspaces', resource: '*', on: SDK },
    ],
  },
  'workspaces:CreateWorkspaces': {
    files: ['plugins/enclave-node/src/aws/createWorkspaces.ts'],
    calls: [
      { action: 'workspaces:CreateWorkspaces', resource: WORKSPACE, on: SDK },
      {
        action: 'workspaces:CreateWorkspaces',
        resource: WS_DIRECTORY,
        on: SDK,
      },
      {
        action: 'workspaces:CreateWorkspaces',
        resource: `${WS}:workspacebundle/wsb-0example`,
        on: SDK,
      },
      {
        action: 'workspaces:CreateTags',
        resource: '*',
        on: SDK,
        why: 'Tags in the request',
      },
      // VolumeEncryptionKey: "You specify the KMS key ... This action creates a
      // grant that allows WorkSpaces to use your KMS key" (KMS guide, "How
      // WorkSpaces uses AWS KMS", step 1), i.e. a grant created as the caller.
      {
        action: 'kms:CreateGrant',
        resource: KEY,
        on: SDK,
        context: {
          'kms:ViaService': 'workspaces.{region}.amazonaws.com',
          'kms:CallerAccount': '{account}',
          'kms:GrantIsForAWSResource': 'true',
        },
      },
      {
        action: 'kms:DescribeKey',
        resource: KEY,
        on: SDK,
        context: {
          'kms:ViaService': 'workspaces.{region}.amazonaws.com',
          'kms:CallerAccount': '{account}',
        },
      },
    ],
  },
  'workspaces:DescribeWorkspaceBundles': {
    files: [
      'plugins/enclave-node/src/aws/bundles.ts',
      'plugins/enclave-node/src/aws/desktopBundles.ts',
    ],
    calls: [
      { action: 'workspaces:DescribeWorkspaceBundles', resource: '*', on: SDK },
    ],
  },
  'workspaces:TerminateWorkspaces': {
    files: ['plugins/enclave-node/src/aws/teardown.ts'],
    calls: [
      {
        action: 'workspaces:TerminateWorkspaces',
        resource: WORKSPACE,
        on: SDK,
      },
    ],
  },
  'workspaces:DeregisterWorkspaceDirectory': {
    files: ['plugins/enclave-node/src/aws/teardown.ts'],
    calls: [
      {
        action: 'workspaces:DeregisterWorkspaceDirectory',
        resource: WS_DIRECTORY,
        on: SDK,
      },
      {
        action: 'ds:UnauthorizeApplication',
        resource: DIRECTORY,
        on: SDK,
        why: 'deregistration unauthorizes WorkSpaces on the directory as the caller',
      },
    ],
  },
  'workspaces:DescribeWorkspaceDirectories': {
    files: ['plugins/enclave-node/src/aws/teardown.ts'],
    calls: [
      {
        action: 'workspaces:DescribeWorkspaceDirectories',
        resource: '*',
        on: SDK,
      },
    ],
  },
  'directory-service:ResetUserPassword': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [{ action: 'ds:ResetUserPassword', resource: DIRECTORY, on: SDK }],
  },
  'directory-service:DescribeDirectories': {
    files: ['plugins/enclave-node/src/aws/status.ts'],
    calls: [{ action: 'ds:DescribeDirectories', resource: '*', on: SDK }],
  },
  'directory-service:DescribeDirectoryDataAccess': {
    files: ['plugins/enclave-node/src/aws/directoryDataAccess.ts'],
    calls: [
      {
        action: 'ds:DescribeDirectoryDataAccess',
        resource: DIRECTORY,
        on: SDK,
      },
    ],
  },
  'directory-service:EnableDirectoryDataAccess': {
    files: ['plugins/enclave-node/src/aws/directoryDataAccess.ts'],
    calls: [
      { action: 'ds:EnableDirectoryDataAccess', resource: DIRECTORY, on: SDK },
    ],
  },
  'secrets-manager:DescribeSecret': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [
      {
        action: 'secretsmanager:DescribeSecret',
        resource: USER_SECRET,
        on: SDK,
      },
    ],
  },
  'secrets-manager:CreateSecret': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [
      { action: 'secretsmanager:CreateSecret', resource: USER_SECRET, on: SDK },
      {
        action: 'secretsmanager:TagResource',
        resource: USER_SECRET,
        on: SDK,
        why: 'Tags in the request',
      },
      {
        ...GENERATE_DATA_KEY_VIA_SM,
        why: 'SecretString in CreateSecret under the environment key',
      },
    ],
  },
  'secrets-manager:PutSecretValue': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [
      {
        action: 'secretsmanager:PutSecretValue',
        resource: USER_SECRET,
        on: SDK,
      },
      GENERATE_DATA_KEY_VIA_SM,
    ],
  },
  'secrets-manager:RestoreSecret': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [
      {
        action: 'secretsmanager:RestoreSecret',
        resource: USER_SECRET,
        on: SDK,
      },
    ],
  },
  'secrets-manager:DeleteSecret': {
    files: ['plugins/enclave-node/src/aws/userSecrets.ts'],
    calls: [
      { action: 'secretsmanager:DeleteSecret', resource: USER_SECRET, on: SDK },
    ],
  },
  'secrets-manager:GetSecretValue': {
    files: [
      'plugins/enclave-node/src/provision/directoryAdminPassword.ts',
      'plugins/scaffolder-backend-module-enclave/src/services/applyMode.ts',
      'plugins/enclave-backend/src/service/CredentialService.ts',
    ],
    calls: [...getSecretValue(ADMIN_SECRET), ...getSecretValue(USER_SECRET)],
  },
  'emr:DescribeCluster': {
    files: [
      'plugins/enclave-node/src/aws/status.ts',
      'plugins/enclave-node/src/aws/sparkCluster.ts',
    ],
    calls: [
      {
        action: 'elasticmapreduce:DescribeCluster',
        resource: CLUSTER,
        on: SDK,
      },
    ],
  },
  'emr:ListClusters': {
    files: ['plugins/enclave-node/src/aws/sparkCluster.ts'],
    calls: [
      { action: 'elasticmapreduce:ListClusters', resource: '*', on: SDK },
    ],
  },
  'emr:RunJobFlow': {
    files: ['plugins/enclave-node/src/aws/sparkCluster.ts'],
    calls: [
      { action: 'elasticmapreduce:RunJobFlow', resource: '*', on: SDK },
      {
        action: 'elasticmapreduce:AddTags',
        resource: CLUSTER,
        on: SDK,
        why: 'Tags in the request',
      },
      {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::{account}:role/{name}-emr-service',
        on: SDK,
        context: { 'iam:PassedToService': 'elasticmapreduce.amazonaws.com' },
        why: 'ServiceRole (EMR guide, "Allow users and groups to create and modify roles": iam:PassRole allows cluster creation)',
      },
      {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::{account}:role/{name}-emr-instance',
        on: SDK,
        context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        why: 'JobFlowRole (the instance profile role)',
      },
      {
        action: 'iam:CreateServiceLinkedRole',
        resource:
          'arn:aws:iam::{account}:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMRCleanup',
        on: SDK,
        context: { 'iam:AWSServiceName': 'elasticmapreduce.amazonaws.com' },
        why: 'EMR creates AWSServiceRoleForEMRCleanup with the first cluster of an account (EMR guide, "Using the service-linked role for Amazon EMR")',
      },
    ],
  },
  'emr:TerminateJobFlows': {
    files: ['plugins/enclave-node/src/aws/sparkCluster.ts'],
    calls: [
      {
        action: 'elasticmapreduce:TerminateJobFlows',
        resource: CLUSTER,
        on: SDK,
      },
    ],
  },
  's3:ListObjectVersions': {
    files: ['plugins/enclave-node/src/aws/emptyBucket.ts'],
    calls: [
      {
        action: 's3:ListBucketVersions',
        api: 'ListObjectVersions',
        resource: 'arn:aws:s3:::{name}-{account}',
        on: SDK,
      },
    ],
  },
  's3:DeleteObjects': {
    files: ['plugins/enclave-node/src/aws/emptyBucket.ts'],
    calls: [
      // DeleteObjects is authorized per key as s3:DeleteObject, and per
      // version as s3:DeleteObjectVersion (S3 API Reference, DeleteObjects).
      {
        action: 's3:DeleteObject',
        api: 'DeleteObjects',
        resource: BUCKET_OBJECT,
        on: SDK,
      },
      {
        action: 's3:DeleteObjectVersion',
        api: 'DeleteObjects',
        resource: BUCKET_OBJECT,
        on: SDK,
      },
    ],
  },
};

/**
 * Directory Service Data requests (aws/directoryDataClient.ts, SigV4 signing
 * name `ds-data`), keyed by REST path. Each needs its ds-data action and the
 * `ds:AccessDSData` gate (Directory Service admin guide, "Directory Service
 * Data API permissions").
 */
export const DIRECTORY_DATA_CALLS: Readonly<Record<string, ApiCall[]>> =
  Object.fromEntries(
    (['CreateUser', 'DescribeUser', 'DeleteUser'] as const).map(op => [
      `/Users/${op}`,
      [
        { action: `ds-data:${op}`, resource: DIRECTORY, on: SDK },
        { action: 'ds:AccessDSData', resource: DIRECTORY, on: SDK },
      ],
    ]),
  );

/*
 * The deployer's IAM policy (docs/iam-policy.json): what the role that
 * Terraform and the SDK run as (`dataEnclave.accounts[].roleArn`) may do.
 * Generated from config so the region set and the account follow the
 * platform's `dataEnclave.allowedRegions` / `accounts`; `enclave iam-policy`
 * prints it. It is judged, not derived: deployerPolicy.test.ts evaluates it
 * with iam-simulate against the calls the provider and our SDK code make
 * (providerCalls.ts, sdkCalls.ts), so a missing or over-broad grant is found
 * by an engine we did not write.
 *
 * Least privilege, where the service supports it: resources named by the stack
 * are scoped by the `enclave-` prefix (roles, instance profiles, secrets, log
 * groups, buckets, key aliases); KMS data-plane use only via Secrets Manager
 * and WorkSpaces; iam:PassRole only to the services that take the roles;
 * service-linked roles only for EMR; every regional call only in the
 * configured regions (`aws:RequestedRegion`). EC2, Directory Service,
 * WorkSpaces and Route 53 Resolver resources are named by generated ids, so
 * those statements are region- and account-scoped.
 */
import type { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';

export interface DeployerPolicyOptions {
  /** Regions the deployer may act in. */
  regions: string[];
  /** Account the policy is attached in; `*` for a policy that fits any account. */
  accountId?: string;
}

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface DeployerPolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** The regions and account for a config: every allowed region, plus the account's own. */
export function deployerPolicyOptionsFromConfig(
  config: Pick<DataEnclaveConfig, 'allowedRegions' | 'accounts'>,
  accountId?: string,
): DeployerPolicyOptions {
  if (accountId === undefined) {
    const regions = [
      ...config.allowedRegions,
      ...config.accounts.flatMap(a => a.regions),
    ];
    return { regions: [...new Set(regions)].sort() };
  }
  const account = config.accounts.find(a => a.accountId === accountId);
  if (!account) {
    throw new Error(
      `account ${accountId} is not in dataEnclave.accounts; add it there (accountId, regions) or omit --account for a policy that fits any account`,
    );
  }
  return { regions: [...new Set(account.regions)].sort(), accountId };
}

export function deployerPolicy(
  options: DeployerPolicyOptions,
): DeployerPolicyDocument {
  if (options.regions.length === 0)
    throw new Error(
      'no regions: set dataEnclave.allowedRegions (or accounts[].regions)',
    );
  const account = options.accountId ?? '*';
  const regions = [...options.regions];
  const inRegions = { StringEquals: { 'aws:RequestedRegion': regions } };
  const arn = (service: string, resource: string, region = '*') =>
    `arn:aws:${service}:${region}:${account}:${resource}`;
  const iam = (resource: string) => `arn:aws:iam::${account}:${resource}`;
  const key = arn('kms', 'key/*');
  const via = (service: string) =>
    regions.map(r => `${service}.${r}.amazonaws.com`);

  const statements: Statement[] = [
    {
      Sid: 'ProviderIdentity',
      Effect: 'Allow',
      Action: ['sts:GetCallerIdentity'],
      Resource: '*',
    },
    {
      Sid: 'NetworkEndpointsAndFlowLogs',
      Effect: 'Allow',
      Action: [
        'ec2:AssociateRouteTable',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:CreateFlowLogs',
        'ec2:CreateNetworkInterface',
        'ec2:CreateRouteTable',
        'ec2:CreateSecurityGroup',
        'ec2:CreateSubnet',
        'ec2:CreateTags',
        'ec2:CreateVpc',
        'ec2:CreateVpcEndpoint',
        'ec2:DeleteFlowLogs',
        'ec2:DeleteNetworkInterface',
        'ec2:DeleteRoute',
        'ec2:DeleteRouteTable',
        'ec2:DeleteSecurityGroup',
        'ec2:DeleteSubnet',
        'ec2:DeleteTags',
        'ec2:DeleteVpc',
        'ec2:DeleteVpcEndpoints',
        'ec2:DescribeFlowLogs',
        'ec2:DescribeNetworkAcls',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribePrefixLists',
        'ec2:DescribeRouteTables',
        'ec2:DescribeSecurityGroupRules',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcAttribute',
        'ec2:DescribeVpcEndpoints',
        'ec2:DescribeVpcs',
        'ec2:DisassociateRouteTable',
        'ec2:ModifySecurityGroupRules',
        'ec2:ModifySubnetAttribute',
        'ec2:ModifyVpcAttribute',
        'ec2:ModifyVpcEndpoint',
        'ec2:ReplaceRouteTableAssociation',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupIngress',
      ],
      Resource: '*',
      Condition: inRegions,
    },
    {
      Sid: 'DnsFirewall',
      Effect: 'Allow',
      Action: [
        'route53resolver:AssociateFirewallRuleGroup',
        'route53resolver:CreateFirewallDomainList',
        'route53resolver:CreateFirewallRule',
        'route53resolver:CreateFirewallRuleGroup',
        'route53resolver:DeleteFirewallDomainList',
        'route53resolver:DeleteFirewallRule',
        'route53resolver:DeleteFirewallRuleGroup',
        'route53resolver:DisassociateFirewallRuleGroup',
        'route53resolver:GetFirewallDomainList',
        'route53resolver:GetFirewallRuleGroup',
        'route53resolver:GetFirewallRuleGroupAssociation',
        'route53resolver:ListFirewallConfigs',
        'route53resolver:ListFirewallDomains',
        'route53resolver:ListFirewallRules',
        'route53resolver:ListTagsForResource',
        'route53resolver:TagResource',
        'route53resolver:UntagResource',
        'route53resolver:UpdateFirewallConfig',
        'route53resolver:UpdateFirewallDomains',
        'route53resolver:UpdateFirewallRule',
        'route53resolver:UpdateFirewallRuleGroupAssociation',
      ],
      Resource: '*',
      Condition: inRegions,
    },
    {
      Sid: 'FlowLogGroups',
      Effect: 'Allow',
      Action: [
        'logs:AssociateKmsKey',
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:ListTagsForResource',
        'logs:PutRetentionPolicy',
        'logs:TagResource',
        'logs:UntagResource',
      ],
      Resource: arn('logs', 'log-group:/enclave/enclave-*'),
      Condition: inRegions,
    },
    {
      // DescribeLogGroups takes no resource ARN (Service Authorization Reference).
      Sid: 'FindLogGroups',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups'],
      Resource: '*',
      Condition: inRegions,
    },
    {
      Sid: 'CreateKeys',
      Effect: 'Allow',
      Action: ['kms:CreateKey', 'kms:ListAliases'],
      Resource: '*',
      Condition: inRegions,
    },
    {
      // Key administration. Works because the key policy delegates to IAM
      // (`kms:*` for the account root, stack/kmsKey.ts).
      Sid: 'AdministerEnvironmentKeys',
      Effect: 'Allow',
      Action: [
        'kms:DescribeKey',
        'kms:EnableKeyRotation',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:UpdateKeyDescription',
      ],
      Resource: key,
      Condition: inRegions,
    },
    {
      Sid: 'EnvironmentKeyAliases',
      Effect: 'Allow',
      Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: [arn('kms', 'alias/enclave-*'), key],
      Condition: inRegions,
    },
    {
      // Secret values under the environment key, only through Secrets Manager
      // (Secrets Manager guide, "Permissions for the KMS key").
      Sid: 'EnvironmentKeyViaSecretsManager',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: key,
      Condition: {
        StringEquals: {
          'kms:ViaService': via('secretsmanager'),
          ...(options.accountId ? { 'kms:CallerAccount': account } : {}),
        },
      },
    },
    {
      // Encrypted WorkSpaces volumes: CreateWorkspaces creates a grant for
      // WorkSpaces as the caller (KMS guide, "How WorkSpaces uses AWS KMS").
      Sid: 'EnvironmentKeyGrantsViaWorkSpaces',
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:DescribeKey'],
      Resource: key,
      Condition: {
        StringEquals: {
          'kms:ViaService': via('workspaces'),
          ...(options.accountId ? { 'kms:CallerAccount': account } : {}),
        },
      },
    },
    {
      Sid: 'DataBuckets',
      Effect: 'Allow',
      Action: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:DeleteBucketPolicy',
        's3:GetAccelerateConfiguration',
        's3:GetBucketAcl',
        's3:GetBucketCORS',
        's3:GetBucketLogging',
        's3:GetBucketObjectLockConfiguration',
        's3:GetBucketOwnershipControls',
        's3:GetBucketPolicy',
        's3:GetBucketPublicAccessBlock',
        's3:GetBucketRequestPayment',
        's3:GetBucketTagging',
        's3:GetBucketVersioning',
        's3:GetBucketWebsite',
        's3:GetEncryptionConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetReplicationConfiguration',
        's3:ListBucket',
        's3:ListBucketVersions',
        's3:PutBucketOwnershipControls',
        's3:PutBucketPolicy',
        's3:PutBucketPublicAccessBlock',
        's3:PutBucketTagging',
        's3:PutBucketVersioning',
        's3:PutEncryptionConfiguration',
      ],
      Resource: 'arn:aws:s3:::enclave-*',
      Condition: inRegions,
    },
    {
      // Decommission empties the versioned bucket before Terraform deletes it.
      Sid: 'EmptyDataBucketsOnDecommission',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: 'arn:aws:s3:::enclave-*/*',
      Condition: inRegions,
    },
    {
      Sid: 'EnvironmentSecrets',
      Effect: 'Allow',
      Action: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DeleteSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetResourcePolicy',
        'secretsmanager:GetSecretValue',
        'secretsmanager:ListSecretVersionIds',
        'secretsmanager:PutSecretValue',
        'secretsmanager:RestoreSecret',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
        'secretsmanager:UpdateSecret',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      Resource: [
        arn('secretsmanager', 'secret:enclave-*'),
        arn('secretsmanager', 'secret:enclave/*'),
      ],
      Condition: inRegions,
    },
    {
      Sid: 'EnvironmentRoles',
      Effect: 'Allow',
      Action: [
        'iam:AddRoleToInstanceProfile',
        'iam:CreateInstanceProfile',
        'iam:CreateRole',
        'iam:DeleteInstanceProfile',
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:GetInstanceProfile',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:ListRolePolicies',
        'iam:PutRolePolicy',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:TagInstanceProfile',
        'iam:TagRole',
        'iam:UntagInstanceProfile',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRoleDescription',
      ],
      Resource: [iam('role/enclave-*'), iam('instance-profile/enclave-*')],
    },
    {
      // The only managed policy the stack attaches (the EMR service role's).
      Sid: 'AttachEmrServicePolicyOnly',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: iam('role/enclave-*'),
      Condition: {
        ArnEquals: {
          'iam:PolicyARN':
            'arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2',
        },
      },
    },
    {
      // Roles are handed only to the services that use them. IfExists: the
      // PassRole check of AddRoleToInstanceProfile carries no PassedToService.
      Sid: 'PassEnvironmentRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: iam('role/enclave-*'),
      Condition: {
        StringEqualsIfExists: {
          'iam:PassedToService': [
            'ec2.amazonaws.com',
            'elasticmapreduce.amazonaws.com',
            'vpc-flow-logs.amazonaws.com',
          ],
        },
      },
    },
    {
      // A fresh account: the first EMR cluster creates AWSServiceRoleForEMRCleanup
      // (EMR guide, "Using the service-linked role for Amazon EMR").
      Sid: 'EmrCleanupServiceLinkedRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: iam(
        'role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*',
      ),
      Condition: {
        StringEquals: {
          'iam:AWSServiceName': 'elasticmapreduce.amazonaws.com',
        },
      },
    },
    {
      // The cluster is launched on demand by the SDK (aws/sparkCluster.ts), not
      // by Terraform, so the provider's cluster read calls (ListSteps,
      // ListInstanceFleets, ...) are not needed; RunJobFlow carries the tags.
      Sid: 'SparkClusters',
      Effect: 'Allow',
      Action: [
        'elasticmapreduce:AddTags',
        'elasticmapreduce:CreateSecurityConfiguration',
        'elasticmapreduce:DeleteSecurityConfiguration',
        'elasticmapreduce:DescribeCluster',
        'elasticmapreduce:DescribeSecurityConfiguration',
        'elasticmapreduce:ListClusters',
        'elasticmapreduce:RunJobFlow',
        'elasticmapreduce:TerminateJobFlows',
      ],
      Resource: '*',
      Condition: inRegions,
    },
    {
      Sid: 'DirectoryAndUsers',
      Effect: 'Allow',
      Action: [
        'ds:AccessDSData',
        'ds:AddTagsToResource',
        'ds:AuthorizeApplication',
        'ds:CreateMicrosoftAD',
        'ds:DeleteDirectory',
        'ds:DescribeDirectories',
        'ds:DescribeDirectoryDataAccess',
        'ds:EnableDirectoryDataAccess',
        'ds:ListTagsForResource',
        'ds:RemoveTagsFromResource',
        'ds:ResetUserPassword',
        'ds:UnauthorizeApplication',
        'ds-data:CreateUser',
        'ds-data:DeleteUser',
        'ds-data:DescribeUser',
      ],
      Resource: '*',
      Condition: inRegions,
    },
    {
      Sid: 'Desktops',
      Effect: 'Allow',
      Action: [
        'workspaces:AssociateIpGroups',
        'workspaces:CreateIpGroup',
        'workspaces:CreateTags',
        'workspaces:CreateWorkspaces',
        'workspaces:DeleteIpGroup',
        'workspaces:DeleteTags',
        'workspaces:DeregisterWorkspaceDirectory',
        'workspaces:DescribeIpGroups',
        'workspaces:DescribeTags',
        'workspaces:DescribeWorkspaceBundles',
        'workspaces:DescribeWorkspaceDirectories',
        'workspaces:DescribeWorkspaces',
        'workspaces:DisassociateIpGroups',
        'workspaces:ModifySelfservicePermissions',
        'workspaces:ModifyWorkspaceAccessProperties',
        'workspaces:ModifyWorkspaceCreationProperties',
        'workspaces:RegisterWorkspaceDirectory',
        'workspaces:TerminateWorkspaces',
        'workspaces:UpdateRulesOfIpGroup',
      ],
      Resource: '*',
      Condition: inRegions,
    },
  ];
  return { Version: '2012-10-17', Statement: statements };
}

/** The policy as committed: two-space JSON and a trailing newline. */
export function renderDeployerPolicy(policy: DeployerPolicyDocument): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

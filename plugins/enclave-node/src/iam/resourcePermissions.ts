/*
 * What the backend's IAM role must be allowed to do for each Terraform
 * resource type the stack creates: the create, read, update, tag and delete
 * calls the hashicorp/aws provider makes for it. docs/iam-policy.json is
 * checked against this map by iamPolicy.test.ts, which also fails when the
 * synthesized stack gains a resource type that has no entry here, so a new
 * construct cannot ship without its permissions being thought about.
 */

const ec2Tags = ['ec2:CreateTags', 'ec2:DeleteTags'];
const r53Tags = [
  'route53resolver:TagResource',
  'route53resolver:UntagResource',
  'route53resolver:ListTagsForResource',
];

export const RESOURCE_TYPE_PERMISSIONS: Readonly<Record<string, string[]>> = {
  aws_vpc: [
    'ec2:CreateVpc',
    'ec2:DeleteVpc',
    'ec2:DescribeVpcs',
    'ec2:ModifyVpcAttribute',
    'ec2:DescribeVpcAttribute',
    ...ec2Tags,
  ],
  aws_subnet: [
    'ec2:CreateSubnet',
    'ec2:DeleteSubnet',
    'ec2:DescribeSubnets',
    'ec2:ModifySubnetAttribute',
    ...ec2Tags,
  ],
  aws_route_table: [
    'ec2:CreateRouteTable',
    'ec2:DeleteRouteTable',
    'ec2:DescribeRouteTables',
    ...ec2Tags,
  ],
  aws_route_table_association: [
    'ec2:AssociateRouteTable',
    'ec2:DisassociateRouteTable',
    'ec2:DescribeRouteTables',
  ],
  // Adopted, not created: the provider reads it and strips its routes.
  aws_default_route_table: [
    'ec2:DescribeRouteTables',
    'ec2:DeleteRoute',
    ...ec2Tags,
  ],
  // Adopted: the provider revokes the default allow-all rules.
  aws_default_security_group: [
    'ec2:DescribeSecurityGroups',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    ...ec2Tags,
  ],
  aws_security_group: [
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'ec2:DescribeSecurityGroups',
    // The provider removes AWS's default allow-all egress rule on create.
    'ec2:RevokeSecurityGroupEgress',
    ...ec2Tags,
  ],
  aws_vpc_security_group_egress_rule: [
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:DescribeSecurityGroupRules',
    ...ec2Tags,
  ],
  aws_vpc_security_group_ingress_rule: [
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:DescribeSecurityGroupRules',
    ...ec2Tags,
  ],
  aws_vpc_endpoint: [
    'ec2:CreateVpcEndpoint',
    'ec2:DeleteVpcEndpoints',
    'ec2:ModifyVpcEndpoint',
    'ec2:DescribeVpcEndpoints',
    'ec2:DescribePrefixLists',
    ...ec2Tags,
  ],
  aws_flow_log: [
    'ec2:CreateFlowLogs',
    'ec2:DeleteFlowLogs',
    'ec2:DescribeFlowLogs',
    'iam:PassRole',
    ...ec2Tags,
  ],
  aws_cloudwatch_log_group: [
    'logs:CreateLogGroup',
    'logs:DeleteLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'logs:AssociateKmsKey',
    'logs:TagResource',
    'logs:ListTagsForResource',
  ],
  aws_kms_key: [
    'kms:CreateKey',
    'kms:DescribeKey',
    'kms:EnableKeyRotation',
    'kms:GetKeyRotationStatus',
    'kms:GetKeyPolicy',
    'kms:PutKeyPolicy',
    'kms:ScheduleKeyDeletion',
    'kms:TagResource',
    'kms:ListResourceTags',
  ],
  aws_kms_alias: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:ListAliases'],
  aws_s3_bucket: [
    's3:CreateBucket',
    's3:DeleteBucket',
    's3:ListBucket',
    's3:GetBucketAcl',
    's3:GetBucketCORS',
    's3:GetBucketWebsite',
    's3:GetBucketLogging',
    's3:GetBucketObjectLockConfiguration',
    's3:GetBucketRequestPayment',
    's3:GetAccelerateConfiguration',
    's3:GetLifecycleConfiguration',
    's3:GetReplicationConfiguration',
    's3:GetBucketPolicy',
    's3:GetBucketVersioning',
    's3:GetEncryptionConfiguration',
    's3:PutBucketTagging',
    's3:GetBucketTagging',
  ],
  aws_s3_bucket_ownership_controls: [
    's3:PutBucketOwnershipControls',
    's3:GetBucketOwnershipControls',
  ],
  aws_s3_bucket_policy: [
    's3:PutBucketPolicy',
    's3:GetBucketPolicy',
    's3:DeleteBucketPolicy',
  ],
  aws_s3_bucket_public_access_block: [
    's3:PutBucketPublicAccessBlock',
    's3:GetBucketPublicAccessBlock',
  ],
  aws_s3_bucket_server_side_encryption_configuration: [
    's3:PutEncryptionConfiguration',
    's3:GetEncryptionConfiguration',
  ],
  aws_s3_bucket_versioning: [
    's3:PutBucketVersioning',
    's3:GetBucketVersioning',
  ],
  aws_secretsmanager_secret: [
    'secretsmanager:CreateSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:TagResource',
    'secretsmanager:GetResourcePolicy',
  ],
  aws_secretsmanager_secret_version: [
    'secretsmanager:PutSecretValue',
    'secretsmanager:GetSecretValue',
  ],
  aws_iam_role: [
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:GetRole',
    'iam:TagRole',
    'iam:ListRolePolicies',
    'iam:ListAttachedRolePolicies',
    'iam:ListInstanceProfilesForRole',
  ],
  aws_iam_role_policy: [
    'iam:PutRolePolicy',
    'iam:GetRolePolicy',
    'iam:DeleteRolePolicy',
  ],
  aws_iam_role_policy_attachment: [
    'iam:AttachRolePolicy',
    'iam:DetachRolePolicy',
    'iam:ListAttachedRolePolicies',
  ],
  aws_iam_instance_profile: [
    'iam:CreateInstanceProfile',
    'iam:DeleteInstanceProfile',
    'iam:GetInstanceProfile',
    'iam:AddRoleToInstanceProfile',
    'iam:RemoveRoleFromInstanceProfile',
    'iam:TagInstanceProfile',
  ],
  aws_emr_cluster: [
    'elasticmapreduce:RunJobFlow',
    'elasticmapreduce:TerminateJobFlows',
    'elasticmapreduce:DescribeCluster',
    'elasticmapreduce:ListInstanceGroups',
    'elasticmapreduce:ListBootstrapActions',
    'elasticmapreduce:AddTags',
    'elasticmapreduce:PutAutoTerminationPolicy',
    'elasticmapreduce:GetAutoTerminationPolicy',
    'elasticmapreduce:SetTerminationProtection',
    'elasticmapreduce:ModifyCluster',
    // The service and instance-profile roles are handed to EMR.
    'iam:PassRole',
  ],
  aws_emr_security_configuration: [
    'elasticmapreduce:CreateSecurityConfiguration',
    'elasticmapreduce:DeleteSecurityConfiguration',
    'elasticmapreduce:DescribeSecurityConfiguration',
  ],
  // CreateMicrosoftAD creates the directory's security group and ENIs in the
  // caller's name, so the caller needs those EC2 permissions too.
  aws_directory_service_directory: [
    'ds:CreateMicrosoftAD',
    'ds:DeleteDirectory',
    'ds:DescribeDirectories',
    'ds:AddTagsToResource',
    'ds:ListTagsForResource',
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
    ...ec2Tags,
  ],
  // Registration authorizes WorkSpaces on the directory and checks the role.
  aws_workspaces_directory: [
    'workspaces:RegisterWorkspaceDirectory',
    'workspaces:DeregisterWorkspaceDirectory',
    'workspaces:DescribeWorkspaceDirectories',
    'workspaces:ModifyWorkspaceCreationProperties',
    'workspaces:ModifyWorkspaceAccessProperties',
    'workspaces:ModifySelfservicePermissions',
    'workspaces:AssociateIpGroups',
    'workspaces:DisassociateIpGroups',
    'workspaces:CreateTags',
    'workspaces:DescribeTags',
    'ds:AuthorizeApplication',
    'ds:UnauthorizeApplication',
    'ds:DescribeDirectories',
    'iam:GetRole',
  ],
  aws_workspaces_ip_group: [
    'workspaces:CreateIpGroup',
    'workspaces:DeleteIpGroup',
    'workspaces:DescribeIpGroups',
    'workspaces:AuthorizeIpRules',
    'workspaces:RevokeIpRules',
    'workspaces:CreateTags',
    'workspaces:DescribeTags',
  ],
  aws_route53_resolver_firewall_domain_list: [
    'route53resolver:CreateFirewallDomainList',
    'route53resolver:UpdateFirewallDomains',
    'route53resolver:DeleteFirewallDomainList',
    'route53resolver:GetFirewallDomainList',
    'route53resolver:ListFirewallDomains',
    ...r53Tags,
  ],
  aws_route53_resolver_firewall_rule_group: [
    'route53resolver:CreateFirewallRuleGroup',
    'route53resolver:DeleteFirewallRuleGroup',
    'route53resolver:GetFirewallRuleGroup',
    ...r53Tags,
  ],
  aws_route53_resolver_firewall_rule: [
    'route53resolver:CreateFirewallRule',
    'route53resolver:UpdateFirewallRule',
    'route53resolver:DeleteFirewallRule',
    'route53resolver:ListFirewallRules',
  ],
  aws_route53_resolver_firewall_rule_group_association: [
    'route53resolver:AssociateFirewallRuleGroup',
    'route53resolver:DisassociateFirewallRuleGroup',
    'route53resolver:UpdateFirewallRuleGroupAssociation',
    'route53resolver:GetFirewallRuleGroupAssociation',
    ...r53Tags,
  ],
  // Fail-closed setting of the VPC's DNS firewall (G5).
  aws_route53_resolver_firewall_config: [
    'route53resolver:UpdateFirewallConfig',
    'route53resolver:GetFirewallConfig',
    'route53resolver:ListFirewallConfigs',
  ],
};

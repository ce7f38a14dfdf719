/*
 * The EMR Spark cluster (guardrail G6): private subnet, EMR-managed security
 * groups plus the service-access group private subnets require, at-rest
 * encryption (S3 SSE-KMS and local disks via KMS), an idle auto-termination
 * policy, and logs written to the encrypted data bucket.
 *
 * The cluster itself is launched on demand by the SDK from `launchSpec`
 * (why: emrLaunchSpec.ts); everything it runs with is declared here.
 *
 * Roles are split and minimal:
 *  - service role: AWS's scoped AmazonEMRServicePolicy_v2 (it only touches
 *    resources tagged `for-use-with-amazon-emr-managed-policies=true`, which
 *    the network and these security groups carry), PassRole for the instance
 *    role only, and use of the environment key for EBS;
 *  - instance profile role: the data bucket, the key, read of the AWS
 *    repository buckets, writing EMR's system logs (the one AWS-owned bucket
 *    cluster logging needs), and read-only EMR calls about clusters in this account.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { DataResource, ITerraformDependable } from 'cdktf';
import { EmrSecurityConfiguration } from '@cdktf/provider-aws/lib/emr-security-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { ec2InstanceTrustPolicy, policyDocument } from './iamPolicy';
import {
  EMR_LOG_TYPE_UPLOAD_POLICY,
  REPOSITORY_READ_ACTIONS,
  repositoryObjectArns,
} from '../awsFacts';
import { EMR_MANAGED_POLICY_TAG } from './network';
import { EMR_LAUNCH_SPEC_KIND, EmrLaunchSpec } from './emrLaunchSpec';
import {
  ConstructPropsError,
  requireAccountId,
  requireCidr,
  requireIntInRange,
  requireList,
  requireNonEmpty,
} from './assertProps';

export interface EnclaveEmrClusterProps {
  namePrefix: string;
  region: string;
  accountId: string;
  vpcId: string;
  vpcCidr: string;
  /** The private subnet the cluster runs in. */
  subnetId: string;
  kmsKeyArn: string;
  /** Data bucket name and ARN: logs go to `s3://<bucket>/emr-logs/`. */
  bucketName: string;
  bucketArn: string;
  /** Gateway endpoint prefix lists (S3, DynamoDB) that nodes may reach on 443. */
  gatewayPrefixListIds: string[];
  /** EMR release. Default `emr-7.14.0` (comes from the spec in practice). */
  releaseLabel?: string;
  /** Instance type of every node. Default `m5.xlarge`. */
  instanceType?: string;
  /** Core nodes (the cluster has 1 primary + this many). Default 2. */
  coreNodeCount?: number;
  /** Applications. Default `['Spark']`; must include Spark. */
  applications?: readonly string[];
  /** Idle seconds before auto-termination (60–604800). Default 3600. */
  idleTimeoutSeconds?: number;
  /** Core node EBS volume size in GiB. Default 64. */
  coreVolumeSizeGib?: number;
  /** Tags of the on-demand cluster: `enclaveDefaultTags(spec)` (provider default_tags do not reach SDK-created resources). */
  tags: Record<string, string>;
  /**
   * Resources that must exist before a cluster can start, i.e. the VPC
   * endpoints and the bucket policy: without them bootstrap cannot reach S3
   * or the EMR API. The launch spec depends on them, so its output is only
   * available once they are applied.
   */
  dependsOn?: ITerraformDependable[];
}

/** The props after defaults and checks: what the launch spec is built from. */
interface EmrClusterSettings {
  releaseLabel: string;
  instanceType: string;
  coreNodeCount: number;
  applications: string[];
  idleTimeoutSeconds: number;
  coreVolumeSizeGib: number;
}

/** The EMR security groups, by the role EMR gives each. */
interface EmrSecurityGroups {
  primary: SecurityGroup;
  core: SecurityGroup;
  serviceAccess: SecurityGroup;
}

/** What both cluster roles may do with the environment key. */
const ENVIRONMENT_KEY_USE = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

const CONSTRUCT_NAME = 'EnclaveEmrCluster';

export class EnclaveEmrCluster extends Construct {
  /** `terraform_data` whose input is the cluster's launch configuration. */
  readonly launchSpec: DataResource;
  readonly serviceRole: IamRole;
  readonly instanceRole: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly primarySecurityGroup: SecurityGroup;
  readonly coreSecurityGroup: SecurityGroup;
  readonly serviceAccessSecurityGroup: SecurityGroup;
  readonly securityConfiguration: EmrSecurityConfiguration;

  /*
   * Creation order is the order of resources in cdk.tf.json: keep it (groups,
   * rules, instance role, service role, security configuration, launch spec)
   * so that a refactor here synthesizes byte-identical stacks.
   */
  constructor(scope: Construct, id: string, props: EnclaveEmrClusterProps) {
    super(scope, id);
    const settings = this.parseProps(props);

    const groups = this.createSecurityGroups(props);
    this.primarySecurityGroup = groups.primary;
    this.coreSecurityGroup = groups.core;
    this.serviceAccessSecurityGroup = groups.serviceAccess;
    this.createSecurityGroupRules(props, groups);

    this.instanceRole = this.createInstanceRole(props);
    this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
      name: `${props.namePrefix}-emr-instance`,
      role: this.instanceRole.name,
    });
    const service = this.createServiceRole(props, this.instanceRole);
    this.serviceRole = service.role;

    this.securityConfiguration = this.createSecurityConfiguration(props);
    this.launchSpec = this.createLaunchSpec(props, settings, service.policies);
  }

  /** Checks the props early (naming the prop) and applies the defaults. */
  private parseProps(props: EnclaveEmrClusterProps): EmrClusterSettings {
    const name = CONSTRUCT_NAME;
    for (const key of [
      'namePrefix',
      'region',
      'vpcId',
      'subnetId',
      'kmsKeyArn',
      'bucketName',
      'bucketArn',
    ] as const) {
      requireNonEmpty(name, key, props[key]);
    }
    requireAccountId(name, 'accountId', props.accountId);
    requireCidr(name, 'vpcCidr', props.vpcCidr);
    requireList(name, 'gatewayPrefixListIds', props.gatewayPrefixListIds, 1);
    const coreNodeCount = props.coreNodeCount ?? 2;
    requireIntInRange(name, 'coreNodeCount', coreNodeCount, 1, 100);
    const idleTimeoutSeconds = props.idleTimeoutSeconds ?? 3600;
    requireIntInRange(
      name,
      'idleTimeoutSeconds',
      idleTimeoutSeconds,
      60,
      604800,
    );
    const coreVolumeSizeGib = props.coreVolumeSizeGib ?? 64;
    requireIntInRange(name, 'coreVolumeSizeGib', coreVolumeSizeGib, 32, 16384);
    const applications = [...(props.applications ?? ['Spark'])];
    if (!applications.includes('Spark')) {
      throw new ConstructPropsError(
        name,
        'applications',
        `must include Spark (got ${applications.join(', ')})`,
      );
    }
    const releaseLabel = props.releaseLabel ?? 'emr-7.14.0';
    if (!/^emr-\d+\.\d+\.\d+$/.test(releaseLabel)) {
      throw new ConstructPropsError(
        name,
        'releaseLabel',
        `must look like emr-7.14.0 (got '${releaseLabel}')`,
      );
    }
    return {
      releaseLabel,
      instanceType: props.instanceType ?? 'm5.xlarge',
      coreNodeCount,
      applications,
      idleTimeoutSeconds,
      coreVolumeSizeGib,
    };
  }

  /**
   * The three groups EMR runs with. No inline rules: rules are separate
   * resources, so the rules EMR adds to its managed groups at launch are not
   * "drift" that Terraform would fight. EMR may add its own defaults at
   * launch; with no route out of the VPC they can only reach in-VPC
   * addresses and the endpoints.
   */
  private createSecurityGroups(
    props: EnclaveEmrClusterProps,
  ): EmrSecurityGroups {
    const group = (suffix: string, description: string) =>
      new SecurityGroup(this, `${suffix}-sg`, {
        name: `${props.namePrefix}-emr-${suffix}`,
        description,
        vpcId: props.vpcId,
        // EMR-managed groups reference each other; without this, destroy hangs.
        revokeRulesOnDelete: true,
        tags: {
          Name: `${props.namePrefix}-emr-${suffix}`,
          ...EMR_MANAGED_POLICY_TAG,
        },
      });
    return {
      primary: group('primary', 'EMR primary node (EMR-managed)'),
      core: group('core', 'EMR core and task nodes (EMR-managed)'),
      serviceAccess: group(
        'service-access',
        'EMR service access (private subnet)',
      ),
    };
  }

  /**
   * Nodes talk to each other, to the VPC (endpoints, directory) and to the
   * gateway prefix lists on 443; the service-access group carries the rules
   * AWS documents for private subnets.
   */
  private createSecurityGroupRules(
    props: EnclaveEmrClusterProps,
    groups: EmrSecurityGroups,
  ): void {
    const nodeGroups = [
      ['primary', groups.primary],
      ['core', groups.core],
    ] as const;
    for (const [toName, to] of nodeGroups) {
      for (const [fromName, from] of nodeGroups) {
        new VpcSecurityGroupIngressRule(this, `${toName}-from-${fromName}`, {
          securityGroupId: to.id,
          referencedSecurityGroupId: from.id,
          ipProtocol: '-1',
          description: `All traffic from EMR ${fromName} nodes`,
        });
      }
      // EMR's control plane reaches the nodes through the service-access group.
      new VpcSecurityGroupIngressRule(this, `${toName}-from-service-access`, {
        securityGroupId: to.id,
        referencedSecurityGroupId: groups.serviceAccess.id,
        ipProtocol: 'tcp',
        fromPort: 8443,
        toPort: 8443,
        description: 'EMR service access',
      });
      new VpcSecurityGroupEgressRule(this, `${toName}-to-vpc`, {
        securityGroupId: to.id,
        cidrIpv4: props.vpcCidr,
        ipProtocol: '-1',
        description:
          'Anything inside the VPC (cluster peers, endpoints, directory)',
      });
      props.gatewayPrefixListIds.forEach((prefixListId, index) => {
        new VpcSecurityGroupEgressRule(
          this,
          `${toName}-to-gateway-endpoint-${index}`,
          {
            securityGroupId: to.id,
            prefixListId,
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            description: 'HTTPS to a gateway endpoint (S3 / DynamoDB)',
          },
        );
      });
    }
    // The rules AWS documents for the service-access group in private subnets.
    new VpcSecurityGroupIngressRule(this, 'service-access-from-primary', {
      securityGroupId: groups.serviceAccess.id,
      referencedSecurityGroupId: groups.primary.id,
      ipProtocol: 'tcp',
      fromPort: 9443,
      toPort: 9443,
      description: 'Primary node to the EMR service',
    });
    for (const [toName, to] of nodeGroups) {
      new VpcSecurityGroupEgressRule(this, `service-access-to-${toName}`, {
        securityGroupId: groups.serviceAccess.id,
        referencedSecurityGroupId: to.id,
        ipProtocol: 'tcp',
        fromPort: 8443,
        toPort: 8443,
        description: `EMR service to ${toName} nodes`,
      });
    }
  }

  /** The nodes' role: the environment bucket and key only. */
  private createInstanceRole(props: EnclaveEmrClusterProps): IamRole {
    const { accountId, region } = props;
    const role = new IamRole(this, 'instance-role', {
      name: `${props.namePrefix}-emr-instance`,
      description: 'EMR nodes: the environment bucket and key only',
      assumeRolePolicy: ec2InstanceTrustPolicy(),
    });
    new IamRolePolicy(this, 'instance-role-policy', {
      name: 'enclave-emr-instance',
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'DataBucketObjects',
          Effect: 'Allow',
          Action: [
            's3:GetObject*',
            's3:PutObject*',
            's3:DeleteObject*',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          Resource: `${props.bucketArn}/*`,
        },
        {
          Sid: 'DataBucketListing',
          Effect: 'Allow',
          Action: ['s3:ListBucket*', 's3:GetBucketLocation'],
          Resource: props.bucketArn,
        },
        {
          Sid: 'ReadAwsRepositories',
          Effect: 'Allow',
          Action: [...REPOSITORY_READ_ACTIONS],
          Resource: repositoryObjectArns(region),
        },
        {
          Sid: 'UseEnvironmentKey',
          Effect: 'Allow',
          Action: ENVIRONMENT_KEY_USE,
          Resource: props.kmsKeyArn,
        },
        {
          Sid: 'DescribeOwnClusters',
          Effect: 'Allow',
          Action: [
            'elasticmapreduce:DescribeCluster',
            'elasticmapreduce:DescribeStep',
            'elasticmapreduce:ListBootstrapActions',
            'elasticmapreduce:ListInstanceGroups',
            'elasticmapreduce:ListInstances',
            'elasticmapreduce:ListSteps',
          ],
          Resource: `arn:aws:elasticmapreduce:${region}:${accountId}:cluster/*`,
        },
      ]),
    });
    return role;
  }

  /**
   * The service role: AmazonEMRServicePolicy_v2 (tag-scoped), PassRole for
   * the instance role only, and the key for EBS. Its policies are returned
   * so the launch spec waits for them.
   */
  private createServiceRole(
    props: EnclaveEmrClusterProps,
    instanceRole: IamRole,
  ): { role: IamRole; policies: ITerraformDependable[] } {
    const { accountId, region } = props;
    const role = new IamRole(this, 'service-role', {
      name: `${props.namePrefix}-emr-service`,
      description: 'EMR service role (AmazonEMRServicePolicy_v2, tag-scoped)',
      assumeRolePolicy: policyDocument([
        {
          Sid: 'TrustEmrForThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'elasticmapreduce.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: {
              'aws:SourceArn': `arn:aws:elasticmapreduce:${region}:${accountId}:*`,
            },
          },
        },
      ]),
    });
    const managedPolicy = new IamRolePolicyAttachment(
      this,
      'service-role-managed-policy',
      {
        role: role.name,
        policyArn:
          'arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2',
      },
    );
    const inlinePolicy = new IamRolePolicy(this, 'service-role-policy', {
      name: 'enclave-emr-service',
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'PassOnlyTheInstanceRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: instanceRole.arn,
          Condition: {
            StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
          },
        },
        {
          Sid: 'EncryptNodeVolumes',
          Effect: 'Allow',
          Action: ENVIRONMENT_KEY_USE,
          Resource: props.kmsKeyArn,
        },
        {
          Sid: 'GrantKeyToEbsOnly',
          Effect: 'Allow',
          Action: 'kms:CreateGrant',
          Resource: props.kmsKeyArn,
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ]),
    });
    return { role, policies: [managedPolicy, inlinePolicy] };
  }

  /** At-rest encryption (G6): S3 SSE-KMS and local disks with the environment key. */
  private createSecurityConfiguration(
    props: EnclaveEmrClusterProps,
  ): EmrSecurityConfiguration {
    return new EmrSecurityConfiguration(this, 'security-configuration', {
      name: `${props.namePrefix}-at-rest`,
      configuration: JSON.stringify({
        EncryptionConfiguration: {
          EnableAtRestEncryption: true,
          // In-transit TLS needs a certificate bundle in S3 from a PKI the
          // platform team owns; traffic never leaves the VPC meanwhile.
          EnableInTransitEncryption: false,
          AtRestEncryptionConfiguration: {
            S3EncryptionConfiguration: {
              EncryptionMode: 'SSE-KMS',
              AwsKmsKey: props.kmsKeyArn,
            },
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: 'AwsKms',
              AwsKmsKey: props.kmsKeyArn,
              EnableEbsEncryption: true,
            },
          },
        },
      }),
    });
  }

  /**
   * The cluster's launch configuration as a `terraform_data` input (the SDK
   * launches it on demand; emrLaunchSpec.ts). It depends on the service
   * role's policies and on `props.dependsOn`, so its output exists only once
   * a cluster could start.
   */
  private createLaunchSpec(
    props: EnclaveEmrClusterProps,
    settings: EmrClusterSettings,
    servicePolicies: ITerraformDependable[],
  ): DataResource {
    const { instanceType } = settings;
    const launchSpec: Record<keyof EmrLaunchSpec, unknown> = {
      kind: EMR_LAUNCH_SPEC_KIND,
      name: props.namePrefix,
      release_label: settings.releaseLabel,
      applications: settings.applications,
      service_role: this.serviceRole.arn,
      instance_profile: this.instanceProfile.name,
      security_configuration: this.securityConfiguration.name,
      log_uri: `s3://${props.bucketName}/emr-logs/`,
      log_encryption_kms_key_id: props.kmsKeyArn,
      // Every log stays in the environment's bucket: nothing is pushed to
      // EMR's AWS-owned log buckets, which the S3 endpoint does not admit.
      log_type_upload_policy: { ...EMR_LOG_TYPE_UPLOAD_POLICY },
      auto_termination_policy: [{ idle_timeout: settings.idleTimeoutSeconds }],
      ec2_attributes: [
        {
          subnet_id: props.subnetId,
          emr_managed_master_security_group: this.primarySecurityGroup.id,
          emr_managed_slave_security_group: this.coreSecurityGroup.id,
          service_access_security_group: this.serviceAccessSecurityGroup.id,
        },
      ],
      master_instance_group: [
        { instance_type: instanceType, instance_count: 1 },
      ],
      core_instance_group: [
        {
          instance_type: instanceType,
          instance_count: settings.coreNodeCount,
          ebs_config: [
            {
              size: settings.coreVolumeSizeGib,
              type: 'gp3',
              volumes_per_instance: 1,
            },
          ],
        },
      ],
      // AmazonEMRServicePolicy_v2 acts only on resources carrying this tag.
      tags: { ...props.tags, ...EMR_MANAGED_POLICY_TAG },
    };
    return new DataResource(this, 'launch-spec', {
      input: launchSpec,
      dependsOn: [...servicePolicies, ...(props.dependsOn ?? [])],
    });
  }
}

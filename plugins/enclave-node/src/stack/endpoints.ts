/*
 * VPC endpoints: the only way out of the enclave, and each one is policed
 * (guardrail G3).
 *
 * Interface endpoints an EMR cluster needs in a private subnet without NAT.
 * Sources:
 *  - "Amazon VPC options – Private subnets", Amazon EMR Management Guide
 *    (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html):
 *    an S3 endpoint is mandatory; the cluster reaches every other AWS API it
 *    uses through an interface endpoint or not at all.
 *  - "Connect to Amazon EMR using an interface VPC endpoint"
 *    (https://docs.aws.amazon.com/emr/latest/ManagementGuide/interface-vpc-endpoint.html).
 *  - "Sample policies for private subnets that access Amazon S3"
 *    (https://docs.aws.amazon.com/emr/latest/ManagementGuide/private-subnet-iampolicy.html):
 *    the AWS-owned repository buckets EMR 7 (AL2023) reads.
 *  - "AWS services that integrate with AWS PrivateLink", AWS PrivateLink Guide:
 *    which services support endpoint policies (ssmmessages and ec2messages do
 *    not, so they get none).
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { policyDocument } from './iamPolicy';
import {
  requireAccountId,
  requireCidr,
  requireList,
  requireNonEmpty,
} from './assertProps';

/** An interface endpoint service and whether it accepts an endpoint policy. */
export interface InterfaceEndpointService {
  /** Short service name: `com.amazonaws.<region>.<service>`. */
  service: string;
  supportsPolicy: boolean;
  /** Why the enclave needs it. */
  reason: string;
}

/** Default interface endpoints: what EMR, SSM-managed nodes and the stack's own resources call. */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly InterfaceEndpointService[] =
  [
    {
      service: 'elasticmapreduce',
      supportsPolicy: true,
      reason: 'EMR API (node registration, step and status calls)',
    },
    {
      service: 'sts',
      supportsPolicy: true,
      reason: 'instance-profile credentials exchange and AssumeRole',
    },
    {
      service: 'kms',
      supportsPolicy: true,
      reason: 'S3 SSE-KMS and EMR local-disk encryption',
    },
    {
      service: 'logs',
      supportsPolicy: true,
      reason: 'CloudWatch Logs agent on EMR nodes',
    },
    {
      service: 'monitoring',
      supportsPolicy: true,
      reason: 'CloudWatch metrics (EMR and the CloudWatch agent)',
    },
    {
      service: 'secretsmanager',
      supportsPolicy: true,
      reason: 'directory admin secret and application secrets',
    },
    {
      service: 'ec2',
      supportsPolicy: true,
      reason: 'EC2 API calls made from EMR nodes (describe, tags)',
    },
    {
      service: 'ssm',
      supportsPolicy: true,
      reason: 'Systems Manager: patching and Session Manager instead of SSH',
    },
    {
      service: 'ssmmessages',
      supportsPolicy: false,
      reason: 'Session Manager data channel',
    },
    {
      service: 'ec2messages',
      supportsPolicy: false,
      reason: 'SSM agent message delivery',
    },
  ];

export interface EnclaveEndpointsProps {
  namePrefix: string;
  region: string;
  /** The environment's account: endpoint policies only admit this account. */
  accountId: string;
  vpcId: string;
  vpcCidr: string;
  /** Subnets for interface endpoint ENIs (one per AZ). */
  subnetIds: string[];
  /** Route tables that get the S3 and DynamoDB gateway routes. */
  routeTableIds: string[];
  /** Interface endpoints to create. Default: `DEFAULT_INTERFACE_ENDPOINTS`. */
  interfaceEndpoints?: readonly InterfaceEndpointService[];
}

/**
 * S3 buckets owned by AWS that EMR 7 nodes read packages from, per the EMR
 * "private subnet" page: the EMR repository and the AL2023 repository.
 * Read-only (`s3:GetObject`) because writing to a bucket outside the account
 * is an exfiltration path.
 */
export function awsRepositoryBucketArns(region: string): string[] {
  return [
    `arn:aws:s3:::repo.${region}.emr.amazonaws.com`,
    `arn:aws:s3:::al2023-repos-${region}-de612dc2`,
  ];
}

export class EnclaveEndpoints extends Construct {
  readonly s3: VpcEndpoint;
  readonly dynamodb: VpcEndpoint;
  readonly securityGroup: SecurityGroup;
  /** Interface endpoints keyed by short service name. */
  readonly interfaceEndpoints: Record<string, VpcEndpoint> = {};

  constructor(scope: Construct, id: string, props: EnclaveEndpointsProps) {
    super(scope, id);
    const name = 'EnclaveEndpoints';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    requireNonEmpty(name, 'region', props.region);
    requireNonEmpty(name, 'vpcId', props.vpcId);
    requireAccountId(name, 'accountId', props.accountId);
    requireCidr(name, 'vpcCidr', props.vpcCidr);
    requireList(name, 'subnetIds', props.subnetIds, 1);
    requireList(name, 'routeTableIds', props.routeTableIds, 1);

    this.s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      policy: policyDocument([
        {
          // Any principal, but only buckets in the environment's account:
          // stolen credentials of another account cannot be used to copy data out.
          Sid: 'OwnAccountBucketsOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:ResourceAccount': props.accountId },
          },
        },
        {
          Sid: 'ReadAwsOwnedRepositories',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: awsRepositoryBucketArns(props.region).map(
            arn => `${arn}/*`,
          ),
        },
      ]),
      tags: { Name: `${props.namePrefix}-s3` },
    });

    this.dynamodb = new VpcEndpoint(this, 'dynamodb', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.dynamodb`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      policy: policyDocument([
        {
          Sid: 'OwnAccountTablesOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 'dynamodb:*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:ResourceAccount': props.accountId },
          },
        },
      ]),
      tags: { Name: `${props.namePrefix}-dynamodb` },
    });

    // Interface endpoint ENIs only ever receive HTTPS from inside the VPC and
    // never initiate connections, so the group has one ingress rule and no
    // egress (Terraform removes AWS's default allow-all egress on create).
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-endpoints`,
      description: 'Interface VPC endpoints: HTTPS from the VPC only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: `${props.namePrefix}-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from inside the VPC',
      cidrIpv4: props.vpcCidr,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
    });

    for (const endpoint of props.interfaceEndpoints ??
      DEFAULT_INTERFACE_ENDPOINTS) {
      this.interfaceEndpoints[endpoint.service] = new VpcEndpoint(
        this,
        endpoint.service,
        {
          vpcId: props.vpcId,
          serviceName: `com.amazonaws.${props.region}.${endpoint.service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: props.subnetIds,
          securityGroupIds: [this.securityGroup.id],
          // Identity perimeter: only principals of the environment's account may
          // use the endpoint. (aws:ResourceAccount cannot be used here: many
          // actions, e.g. ec2:Describe*, have no resource.)
          policy: endpoint.supportsPolicy
            ? policyDocument([
                {
                  Sid: 'OwnAccountPrincipalsOnly',
                  Effect: 'Allow',
                  Principal: '*',
                  Action: '*',
                  Resource: '*',
                  Condition: {
                    StringEquals: { 'aws:PrincipalAccount': props.accountId },
                  },
                },
              ])
            : undefined,
          tags: { Name: `${props.namePrefix}-${endpoint.service}` },
        },
      );
    }
  }

  /** Prefix lists of the gateway endpoints (targets for security group egress). */
  get gatewayPrefixListIds(): string[] {
    return [this.s3.prefixListId, this.dynamodb.prefixListId];
  }
}

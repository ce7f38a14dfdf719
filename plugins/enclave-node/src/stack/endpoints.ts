/*
 * VPC endpoints: the only way out of the enclave, and each one carries a full
 * data perimeter (guardrail G3; see endpointPolicies.ts).
 *
 * Which endpoints, why, and whether each takes a policy is one shared fact
 * (awsFacts/endpointServices.ts, with its sources); the EMR "private subnet"
 * pages are the reason for the set:
 *  - "Amazon VPC options – Private subnets", Amazon EMR Management Guide
 *    (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html):
 *    an S3 endpoint is mandatory; the cluster reaches every other AWS API it
 *    uses through an interface endpoint or not at all.
 *  - "Sample policies for private subnets that access Amazon S3": the
 *    AWS-owned repository buckets EMR 7 (AL2023) reads (awsFacts/repositoryBuckets.ts).
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  EndpointService,
  GATEWAY_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
} from '../awsFacts';
import { endpointPolicy } from './endpointPolicies';
import {
  ConstructPropsError,
  requireAccountId,
  requireList,
  requireNonEmpty,
} from './assertProps';

export interface EnclaveEndpointsProps {
  namePrefix: string;
  region: string;
  /** The environment's account: endpoint policies only admit this account's principals and resources. */
  accountId: string;
  /**
   * AWS Organizations id (`dataEnclave.guardrails.organizationId`). When set,
   * the resource perimeter admits resources of the whole organization
   * (`aws:ResourceOrgID`). Default: only the environment account's resources.
   */
  organizationId?: string;
  vpcId: string;
  /**
   * Buckets this stack creates (the data bucket): the only own-account
   * buckets the S3 gateway endpoint admits. Literal names, so G3 can read
   * them in the policy at synth and at plan.
   */
  stackBucketNames: readonly string[];
  /** Subnets for interface endpoint ENIs (one per AZ). */
  subnetIds: string[];
  /** Route tables that get the S3 and DynamoDB gateway routes. */
  routeTableIds: string[];
  /** Interface endpoints to create. Default: `INTERFACE_ENDPOINT_SERVICES`. */
  interfaceEndpoints?: readonly EndpointService[];
}

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

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
    requireList(name, 'stackBucketNames', props.stackBucketNames, 1);
    requireList(name, 'subnetIds', props.subnetIds, 1);
    requireList(name, 'routeTableIds', props.routeTableIds, 1);
    if (
      props.organizationId !== undefined &&
      !ORGANIZATION_ID.test(props.organizationId)
    ) {
      throw new ConstructPropsError(
        name,
        'organizationId',
        `is '${props.organizationId}', which is not an AWS Organizations id like o-a1b2c3d4e5 (dataEnclave.guardrails.organizationId)`,
      );
    }
    const perimeter = {
      region: props.region,
      accountId: props.accountId,
      organizationId: props.organizationId,
      stackBucketNames: props.stackBucketNames,
    };

    const [s3, dynamodb] = ['s3', 'dynamodb'].map(service => {
      const fact = GATEWAY_ENDPOINT_SERVICES.find(s => s.service === service)!;
      return new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: props.routeTableIds,
        policy: endpointPolicy(fact, perimeter),
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    });
    this.s3 = s3;
    this.dynamodb = dynamodb;

    // Interface endpoint ENIs only ever receive HTTPS and never initiate
    // connections, so the group has no egress (Terraform removes AWS's default
    // allow-all egress on create) and admits HTTPS only from the groups that
    // call AWS (`admitHttpsFrom`), not from every address of the VPC.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-endpoints`,
      description:
        'Interface VPC endpoints: HTTPS from the enclave groups only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: `${props.namePrefix}-endpoints` },
    });

    for (const endpoint of props.interfaceEndpoints ??
      INTERFACE_ENDPOINT_SERVICES) {
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
          // Services that reject a policy get none (justified per service in
          // awsFacts/endpointServices.ts); every other one gets the perimeter.
          policy: endpoint.supportsPolicy
            ? endpointPolicy(endpoint, perimeter)
            : undefined,
          tags: { Name: `${props.namePrefix}-${endpoint.service}` },
        },
      );
    }
  }

  /**
   * Admits HTTPS (tcp 443) to the interface endpoints from one security
   * group. The stack calls it for each group whose members call AWS APIs
   * (EMR primary and core nodes, the desktops); anything else in the VPC,
   * e.g. an instance launched out of band, cannot reach an endpoint at all.
   */
  admitHttpsFrom(name: string, securityGroupId: string): void {
    requireNonEmpty(
      'EnclaveEndpoints',
      `admitHttpsFrom(${name})`,
      securityGroupId,
    );
    new VpcSecurityGroupIngressRule(this, `https-from-${name}`, {
      securityGroupId: this.securityGroup.id,
      description: `HTTPS from the ${name} group`,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
    });
  }

  /** Prefix lists of the gateway endpoints (targets for security group egress). */
  get gatewayPrefixListIds(): string[] {
    return [this.s3.prefixListId, this.dynamodb.prefixListId];
  }
}

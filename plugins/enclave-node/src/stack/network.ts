/*
 * The private network: a VPC with two private subnets and nothing that leads
 * out of it (guardrail G1). No internet/NAT gateway is ever created, every
 * route table holds only the implicit `local` route (plus the S3/DynamoDB
 * gateway endpoint routes that AWS adds), and the default security group is
 * emptied so nothing can rely on its allow-all-within-group rule by accident.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import {
  parseIpv4Cidr,
  subdivideCidr,
  workspacesAzIdsFor,
} from '@data-enclave/plugin-enclave-common';
import {
  ConstructPropsError,
  requireCidr,
  requireNonEmpty,
} from './assertProps';

/** Tag that AmazonEMRServicePolicy_v2 requires on subnets and security groups it may use. */
export const EMR_MANAGED_POLICY_TAG = {
  'for-use-with-amazon-emr-managed-policies': 'true',
};

export interface EnclaveNetworkProps {
  /** Prefix for `Name` tags (see `environmentResourcePrefix`). */
  namePrefix: string;
  /** Region; selects the WorkSpaces-capable AZ IDs from the table. */
  region: string;
  /** VPC CIDR, /16–/24. */
  vpcCidr: string;
  /**
   * AZ IDs of the two subnets. Default: the first two WorkSpaces-capable AZ IDs
   * of the region (WorkSpaces and the directory need two AZs it supports).
   */
  azIds?: [string, string];
  /**
   * Prefix length of each subnet. Default: VPC prefix + 2, so each subnet is a
   * quarter of the VPC and half of the VPC stays free for later subnets.
   */
  subnetPrefix?: number;
}

export class EnclaveNetwork extends Construct {
  readonly vpc: Vpc;
  /** Two private subnets, one per AZ ID, in `azIds` order. */
  readonly subnets: Subnet[];
  /** One route table per subnet (gateway endpoints attach to these). */
  readonly routeTables: RouteTable[];
  /** The subnets' CIDRs as literals, in `subnets` order (for rules that name a subnet). */
  readonly subnetCidrs: string[];

  constructor(scope: Construct, id: string, props: EnclaveNetworkProps) {
    super(scope, id);
    const name = 'EnclaveNetwork';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    requireCidr(name, 'vpcCidr', props.vpcCidr);
    const vpcPrefix = (
      parseIpv4Cidr(props.vpcCidr) as { ok: true; cidr: { prefix: number } }
    ).cidr.prefix;
    const subnetPrefix = props.subnetPrefix ?? vpcPrefix + 2;
    if (subnetPrefix <= vpcPrefix || subnetPrefix > 28) {
      throw new ConstructPropsError(
        name,
        'subnetPrefix',
        `must be longer than the VPC prefix /${vpcPrefix} and at most /28 (got /${subnetPrefix})`,
      );
    }
    const azIds = props.azIds ?? workspacesAzIdsFor(props.region);
    if (azIds.length !== 2 || azIds[0] === azIds[1]) {
      throw new ConstructPropsError(
        name,
        'azIds',
        'must be two different AZ IDs',
      );
    }

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      // Both are required for interface endpoint private DNS and for the
      // directory / WorkSpaces to resolve each other.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.namePrefix },
    });

    // The main route table is adopted only to pin it empty: subnets use their
    // own tables, and an adopted table cannot silently gain a default route.
    new DefaultRouteTable(this, 'main-route-table', {
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: { Name: `${props.namePrefix}-main` },
    });

    // Adopting the default SG with no ingress/egress blocks removes AWS's
    // default rules, so anything launched without an explicit SG is isolated.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.namePrefix}-default-unused` },
    });

    this.subnets = [];
    this.routeTables = [];
    this.subnetCidrs = azIds.map((_, index) =>
      subdivideCidr(props.vpcCidr, subnetPrefix, index),
    );
    azIds.forEach((azId, index) => {
      const subnet = new Subnet(this, `private-subnet-${index}`, {
        vpcId: this.vpc.id,
        cidrBlock: this.subnetCidrs[index],
        availabilityZoneId: azId,
        mapPublicIpOnLaunch: false,
        tags: {
          Name: `${props.namePrefix}-private-${azId}`,
          ...EMR_MANAGED_POLICY_TAG,
        },
      });
      // `route: []` makes Terraform own the (empty) route set, so a route added
      // out of band shows up as drift and is removed on the next apply (G1).
      // Gateway-endpoint routes (target vpce-…) are ignored by the provider.
      const routeTable = new RouteTable(this, `private-route-table-${index}`, {
        vpcId: this.vpc.id,
        route: [],
        tags: { Name: `${props.namePrefix}-private-${azId}` },
      });
      new RouteTableAssociation(
        this,
        `private-route-table-association-${index}`,
        {
          subnetId: subnet.id,
          routeTableId: routeTable.id,
        },
      );
      this.subnets.push(subnet);
      this.routeTables.push(routeTable);
    });
  }
}

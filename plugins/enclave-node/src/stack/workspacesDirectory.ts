/*
 * Registers the directory with WorkSpaces (guardrail G7): desktops get no
 * internet access, no local admin rights, a custom security group that can
 * only talk to the VPC and the gateway endpoints, an IP access group with the
 * team's client CIDRs, and only native clients.
 *
 * Client device policy (decided here, reviewed with security):
 *  - ALLOW Windows, macOS and Linux native clients: managed laptops where
 *    clipboard/drive redirection is governed by the directory's group policy.
 *  - DENY web access (browser tabs make screenshots, extensions and
 *    clipboard capture hard to control), iOS and Android (unmanaged phones and
 *    tablets are easy to lose and to screen-record), ChromeOS and zero
 *    clients (no endpoint posture).
 * Users may only restart their own WorkSpace (self-service); rebuilding,
 * resizing or switching the running mode goes through the platform.
 *
 * Prerequisite (not created here, it is account-wide): the IAM role
 * `workspaces_DefaultRole` must exist in the account.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { DESKTOP_BUNDLE_TAG } from '@data-enclave/plugin-enclave-common';
import { WorkspacesDirectory } from '@cdktf/provider-aws/lib/workspaces-directory';
import { WorkspacesIpGroup } from '@cdktf/provider-aws/lib/workspaces-ip-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import {
  ConstructPropsError,
  requireCidr,
  requireList,
  requireNonEmpty,
} from './assertProps';

export interface EnclaveWorkspacesDirectoryProps {
  namePrefix: string;
  vpcId: string;
  vpcCidr: string;
  /** The directory's id. */
  directoryId: string;
  /** Subnets WorkSpaces are placed in (two WorkSpaces-capable AZs). */
  subnetIds: string[];
  /** Client CIDRs allowed to connect (the IP access group). */
  clientCidrs: readonly string[];
  /** Allow `0.0.0.0/0` among `clientCidrs` (`dataEnclave.guardrails.allowAnyClientCidr`). Default false. */
  allowAnyClientCidr?: boolean;
  /** Gateway endpoint prefix lists WorkSpaces may reach on 443. */
  gatewayPrefixListIds: string[];
  /**
   * The WorkSpaces bundle every desktop of this directory is created from,
   * recorded as the `enclave:desktop-bundle` tag so G12 checks it at synth and
   * at plan (WorkSpaces `TagValue` has no pattern, max 255, in botocore
   * workspaces/2015-04-08/service-2.json, so any bundle name fits).
   */
  desktopBundleName: string;
}

export class EnclaveWorkspacesDirectory extends Construct {
  readonly workspacesDirectory: WorkspacesDirectory;
  readonly securityGroup: SecurityGroup;
  readonly ipGroup: WorkspacesIpGroup;

  constructor(
    scope: Construct,
    id: string,
    props: EnclaveWorkspacesDirectoryProps,
  ) {
    super(scope, id);
    const name = 'EnclaveWorkspacesDirectory';
    for (const key of [
      'namePrefix',
      'vpcId',
      'directoryId',
      'desktopBundleName',
    ] as const) {
      requireNonEmpty(name, key, props[key]);
    }
    requireCidr(name, 'vpcCidr', props.vpcCidr);
    requireList(name, 'subnetIds', props.subnetIds, 2);
    requireList(name, 'clientCidrs', props.clientCidrs, 1);
    requireList(name, 'gatewayPrefixListIds', props.gatewayPrefixListIds, 1);
    for (const cidr of props.clientCidrs) {
      requireCidr(name, 'clientCidrs', cidr);
      if (cidr.endsWith('/0') && !props.allowAnyClientCidr) {
        throw new ConstructPropsError(
          name,
          'clientCidrs',
          `has ${cidr}; set allowAnyClientCidr to allow any client address`,
        );
      }
    }

    // WorkSpaces' own streaming runs over the AWS-managed interface, not this
    // group, so the group needs no ingress at all. Egress: the VPC (directory,
    // EMR, interface endpoints) and the gateway endpoints.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-workspaces`,
      description: 'WorkSpaces: egress to the VPC and gateway endpoints only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: `${props.namePrefix}-workspaces` },
    });
    new VpcSecurityGroupEgressRule(this, 'to-vpc', {
      securityGroupId: this.securityGroup.id,
      cidrIpv4: props.vpcCidr,
      ipProtocol: '-1',
      description: 'Anything inside the VPC',
    });
    props.gatewayPrefixListIds.forEach((prefixListId, index) => {
      new VpcSecurityGroupEgressRule(this, `to-gateway-endpoint-${index}`, {
        securityGroupId: this.securityGroup.id,
        prefixListId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: 'HTTPS to a gateway endpoint (S3 / DynamoDB)',
      });
    });

    this.ipGroup = new WorkspacesIpGroup(this, 'ip-group', {
      name: `${props.namePrefix}-clients`,
      description: 'Client networks allowed to connect',
      rules: props.clientCidrs.map(source => ({
        source,
        description: 'allowed client network',
      })),
    });

    this.workspacesDirectory = new WorkspacesDirectory(
      this,
      'workspaces-directory',
      {
        directoryId: props.directoryId,
        subnetIds: props.subnetIds,
        ipGroupIds: [this.ipGroup.id],
        selfServicePermissions: {
          restartWorkspace: true,
          changeComputeType: false,
          increaseVolumeSize: false,
          rebuildWorkspace: false,
          switchRunningMode: false,
        },
        workspaceAccessProperties: {
          deviceTypeWindows: 'ALLOW',
          deviceTypeOsx: 'ALLOW',
          deviceTypeLinux: 'ALLOW',
          deviceTypeWeb: 'DENY',
          deviceTypeIos: 'DENY',
          deviceTypeAndroid: 'DENY',
          deviceTypeChromeos: 'DENY',
          deviceTypeZeroclient: 'DENY',
        },
        workspaceCreationProperties: {
          customSecurityGroupId: this.securityGroup.id,
          enableInternetAccess: false,
          userEnabledAsLocalAdministrator: false,
          enableMaintenanceMode: true,
        },
        tags: {
          Name: props.namePrefix,
          [DESKTOP_BUNDLE_TAG]: props.desktopBundleName,
        },
      },
    );
  }
}

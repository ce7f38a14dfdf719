/*
 * Registers the directory with WorkSpaces (guardrail G7): desktops get no
 * internet access, no local admin rights, a custom security group that can
 * only talk to the directory, the endpoints and the EMR primary node, an IP access group with the
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
import { DIRECTORY_CONTROLLER_PORTS } from '../awsFacts';
import {
  ConstructPropsError,
  requireCidr,
  requireList,
  requireNonEmpty,
} from './assertProps';

export interface EnclaveWorkspacesDirectoryProps {
  namePrefix: string;
  vpcId: string;
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
  /** The interface endpoints' security group: the desktops reach AWS APIs there on 443. */
  endpointSecurityGroupId: string;
  /**
   * The domain controllers' security group, which AWS creates with the
   * directory (`aws_directory_service_directory.security_group_id`): the
   * desktops reach its members, and only them, on the Active Directory ports.
   */
  directoryControllerSecurityGroupId: string;
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
    requireList(name, 'subnetIds', props.subnetIds, 2);
    requireList(name, 'clientCidrs', props.clientCidrs, 1);
    requireList(name, 'gatewayPrefixListIds', props.gatewayPrefixListIds, 1);
    requireNonEmpty(
      name,
      'endpointSecurityGroupId',
      props.endpointSecurityGroupId,
    );
    requireNonEmpty(
      name,
      'directoryControllerSecurityGroupId',
      props.directoryControllerSecurityGroupId,
    );
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
    // group, so the group needs no ingress at all. Its egress is what a
    // desktop's VPC interface is for ("Network interfaces", "IP address and
    // port requirements for WorkSpaces Personal", WorkSpaces Administration
    // Guide, https://docs.aws.amazon.com/workspaces/latest/adminguide/workspaces-port-requirements.html:
    // the primary interface reaches the VPC's resources and joins the
    // directory), and nothing more, each target named by its group:
    //  - the domain controllers on the Active Directory ports, which include
    //    DNS (the directory is the desktops' resolver), by the controllers'
    //    AWS-created group. botocore ds/2015-04-16
    //    DirectoryVpcSettingsDescription.SecurityGroupId is "the domain
    //    controller security group identifier for the directory"; the provider
    //    exports it as security_group_id (hashicorp/aws 5.100.0,
    //    internal/service/ds/directory.go, resourceDirectoryRead). Naming the
    //    group, not the controllers' subnets, keeps the EMR nodes, endpoint
    //    ENIs and other desktops in those subnets out of reach, and needs no
    //    controller IP (dns_ip_addresses is a set known only after apply, and
    //    grows if controllers are added);
    //  - the interface endpoints on HTTPS, by their group;
    //  - the gateway endpoints on HTTPS, by prefix list;
    //  - the EMR primary node on the application ports (desktopAccess.ts).
    // The Amazon DNS server and instance metadata need no rule: security
    // groups do not filter them ("Security group rules", Amazon VPC User
    // Guide, https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
    // So this group reaches no other VPC address (function check F2). What F2
    // cannot see: WorkSpaces also attaches the `<directory id>_workspacesMembers`
    // group it creates at registration, and "the rules from each security
    // group are effectively aggregated" ("Security groups for WorkSpaces
    // Personal", WorkSpaces Administration Guide,
    // https://docs.aws.amazon.com/workspaces/latest/adminguide/amazon-workspaces-security-groups.html);
    // that group is not in the document, so its rules are the platform's to
    // review (G7's rationale says so).
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-workspaces`,
      description:
        'WorkSpaces: egress to the directory, endpoints and EMR primary only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: `${props.namePrefix}-workspaces` },
    });
    for (const port of mergedDirectoryPorts()) {
      new VpcSecurityGroupEgressRule(
        this,
        `to-directory-controllers-${port.protocol}-${port.from}`,
        {
          securityGroupId: this.securityGroup.id,
          referencedSecurityGroupId: props.directoryControllerSecurityGroupId,
          ipProtocol: port.protocol,
          fromPort: port.from,
          toPort: port.to,
          description: `${port.services} to the domain controllers`,
        },
      );
    }
    new VpcSecurityGroupEgressRule(this, 'to-endpoints-https', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.endpointSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to the interface endpoints',
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

/**
 * The directory ports as few rules: per protocol, overlapping and adjacent
 * ranges merged (the global catalog 3268-3269 lies inside the RPC dynamic
 * range), each named by the services it carries.
 */
function mergedDirectoryPorts(): {
  protocol: 'tcp' | 'udp';
  from: number;
  to: number;
  services: string;
}[] {
  const merged: {
    protocol: 'tcp' | 'udp';
    from: number;
    to: number;
    services: string[];
  }[] = [];
  const sorted = [...DIRECTORY_CONTROLLER_PORTS].sort(
    (a, b) => a.protocol.localeCompare(b.protocol) || a.from - b.from,
  );
  for (const port of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.protocol === port.protocol && port.from <= last.to + 1) {
      last.to = Math.max(last.to, port.to);
      if (!last.services.includes(port.service))
        last.services.push(port.service);
    } else {
      merged.push({ ...port, services: [port.service] });
    }
  }
  return merged.map(m => ({ ...m, services: m.services.join(', ') }));
}

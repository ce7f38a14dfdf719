/*
 * EnclaveStack: one environment = one Terraform stack, composed from the
 * small constructs in this folder. The stack adds only wiring, default tags
 * (G10), the provider/backend choice and the outputs the rest of the product
 * reads (catalog annotations, status card, WorkSpaces provisioning).
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import {
  enclaveDefaultTags,
  EnvironmentSpec,
  environmentResourcePrefix,
} from '@data-enclave/plugin-enclave-common';
import { EnclaveNetwork } from './network';
import { EnclaveEndpoints } from './endpoints';
import { EnclaveDnsFirewall } from './dnsFirewall';
import { EnclaveKmsKey } from './kmsKey';
import { EnclaveFlowLogs } from './flowLogs';
import { EnclaveDataBucket } from './dataBucket';
import { EnclaveEmrCluster } from './emrCluster';
import { EnclaveDirectory } from './directory';
import { EnclaveWorkspacesDirectory } from './workspacesDirectory';
import { ConstructPropsError } from './assertProps';
import { environmentDataBucketName } from './resourceNames';
import { EnclaveDesktopAccess } from './desktopAccess';
import {
  configureBackend,
  configureProvider,
  EnclaveBackendOptions,
  EnclaveProviderOptions,
} from './providerOptions';

export interface EnclaveStackProps {
  /** A spec already validated by `parseEnvironmentSpec` (defaults filled in). */
  spec: EnvironmentSpec;
  /** Provider mode. Default `{ mode: 'plan' }`. */
  provider?: EnclaveProviderOptions;
  /** State backend. Default `{ type: 'local' }`. */
  backend?: EnclaveBackendOptions;
  /** `dataEnclave.guardrails`: extra DNS domains, any-client CIDR. Default strict. */
  guardrails?: {
    allowedExtraDomains?: readonly string[];
    allowAnyClientCidr?: boolean;
    /** Resource perimeter of the endpoint policies is this organization (G3). Default: the account. */
    organizationId?: string;
  };
  /**
   * Roles exempt from the data bucket's endpoint-only rule (the platform admin
   * role). In apply mode the deployer role (`provider.assumeRoleArn`, from
   * `dataEnclave.accounts[].roleArn`) is always added, and required: without
   * it Terraform, which runs outside the VPC, would be locked out of the
   * bucket by its own policy after the first apply.
   */
  platformAdminRoleArns?: readonly string[];
  /** Flow log retention (days). Default 365. */
  flowLogRetentionInDays?: number;
  /** Allow destroying a non-empty data bucket. Default false. */
  dataBucketForceDestroy?: boolean;
}

/**
 * The deployer must be a known role in apply mode. The alternative, reading
 * the caller identity, cannot give the role ARN `aws:PrincipalArn` matches:
 * GetCallerIdentity returns the assumed-role *session* ARN, without the
 * role's path. So the role is configuration, and apply refuses without it.
 */
function requireDeployerRole(provider: EnclaveProviderOptions): string {
  if (provider.mode === 'apply' && provider.assumeRoleArn)
    return provider.assumeRoleArn;
  throw new ConstructPropsError(
    'EnclaveStack',
    'provider.assumeRoleArn',
    'is required in apply mode: set dataEnclave.accounts[].roleArn for this account (the role Terraform and the SDK assume). The data bucket exempts exactly that role from its endpoint-only rule; without it Terraform would lock itself out of the bucket after the first apply',
  );
}

/** Output names: the contract with the runner, the registry and the status API. */
export const ENCLAVE_OUTPUTS = [
  'vpc_id',
  'subnet_ids',
  'security_group_ids',
  'directory_id',
  'directory_dns_ip_addresses',
  'directory_admin_secret_arn',
  'workspaces_registration_code',
  'emr_launch_spec',
  'data_bucket_name',
  'kms_key_arn',
  'flow_log_group_name',
] as const;
export type EnclaveOutputName = (typeof ENCLAVE_OUTPUTS)[number];

export class EnclaveStack extends TerraformStack {
  readonly network: EnclaveNetwork;
  readonly endpoints: EnclaveEndpoints;
  readonly dnsFirewall: EnclaveDnsFirewall;
  readonly kms: EnclaveKmsKey;
  readonly flowLogs: EnclaveFlowLogs;
  readonly dataBucket: EnclaveDataBucket;
  readonly emr: EnclaveEmrCluster;
  readonly directory: EnclaveDirectory;
  readonly workspaces: EnclaveWorkspacesDirectory;
  readonly desktopAccess: EnclaveDesktopAccess;

  constructor(scope: Construct, id: string, props: EnclaveStackProps) {
    super(scope, id);
    const { spec } = props;
    const prefix = environmentResourcePrefix(spec);
    const provider = props.provider ?? { mode: 'plan' };

    configureProvider(this, provider, {
      region: spec.region,
      accountId: spec.accountId,
      name: spec.name,
      defaultTags: enclaveDefaultTags(spec),
    });
    configureBackend(this, props.backend ?? { type: 'local' }, spec);

    this.kms = new EnclaveKmsKey(this, 'kms', {
      namePrefix: prefix,
      region: spec.region,
      accountId: spec.accountId,
    });
    const keyArn = this.kms.key.arn;

    this.network = new EnclaveNetwork(this, 'network', {
      namePrefix: prefix,
      region: spec.region,
      vpcCidr: spec.vpcCidr,
    });
    const vpcId = this.network.vpc.id;
    const subnetIds = this.network.subnets.map(s => s.id);

    this.endpoints = new EnclaveEndpoints(this, 'endpoints', {
      namePrefix: prefix,
      region: spec.region,
      accountId: spec.accountId,
      vpcId,
      // The data bucket's name is known now (resourceNames.ts); a literal
      // keeps the policy readable by G3 and free of a cycle with the bucket
      // policy, which names this endpoint.
      stackBucketNames: [environmentDataBucketName(spec)],
      subnetIds,
      routeTableIds: this.network.routeTables.map(t => t.id),
      organizationId: props.guardrails?.organizationId,
    });

    this.dnsFirewall = new EnclaveDnsFirewall(this, 'dns-firewall', {
      namePrefix: prefix,
      vpcId,
      directoryDomain: spec.directory.domainName,
      allowedExtraDomains: props.guardrails?.allowedExtraDomains,
    });

    this.flowLogs = new EnclaveFlowLogs(this, 'flow-logs', {
      namePrefix: prefix,
      accountId: spec.accountId,
      vpcId,
      kmsKeyArn: keyArn,
      retentionInDays: props.flowLogRetentionInDays,
    });

    const admins = new Set(props.platformAdminRoleArns ?? []);
    if (provider.mode === 'apply') admins.add(requireDeployerRole(provider));
    this.dataBucket = new EnclaveDataBucket(this, 'data-bucket', {
      bucketName: environmentDataBucketName(spec),
      kmsKeyArn: keyArn,
      s3EndpointId: this.endpoints.s3.id,
      adminPrincipalArns: [...admins],
      forceDestroy: props.dataBucketForceDestroy,
    });

    this.emr = new EnclaveEmrCluster(this, 'emr', {
      namePrefix: prefix,
      region: spec.region,
      accountId: spec.accountId,
      vpcId,
      vpcCidr: spec.vpcCidr,
      subnetId: subnetIds[0],
      kmsKeyArn: keyArn,
      bucketName: this.dataBucket.bucket.bucket,
      bucketArn: this.dataBucket.bucket.arn,
      gatewayPrefixListIds: this.endpoints.gatewayPrefixListIds,
      releaseLabel: spec.emr.releaseLabel,
      instanceType: spec.emr.instanceType,
      coreNodeCount: spec.emr.coreNodeCount,
      applications: spec.emr.applications,
      idleTimeoutSeconds: spec.emr.idleTimeoutMinutes * 60,
      tags: enclaveDefaultTags(spec),
      // Bootstrap needs S3 and the EMR API through the endpoints, and logs
      // need the bucket policy in place.
      dependsOn: [
        this.endpoints.s3,
        ...Object.values(this.endpoints.interfaceEndpoints),
        this.dataBucket.policy,
      ],
    });

    this.directory = new EnclaveDirectory(this, 'directory', {
      namePrefix: prefix,
      domainName: spec.directory.domainName,
      shortName: spec.directory.shortName,
      vpcId,
      subnetIds,
      kmsKeyArn: keyArn,
    });

    this.workspaces = new EnclaveWorkspacesDirectory(this, 'workspaces', {
      namePrefix: prefix,
      vpcId,
      directoryId: this.directory.directory.id,
      subnetIds,
      clientCidrs: spec.clientCidrs,
      allowAnyClientCidr: props.guardrails?.allowAnyClientCidr,
      gatewayPrefixListIds: this.endpoints.gatewayPrefixListIds,
      endpointSecurityGroupId: this.endpoints.securityGroup.id,
      directoryControllerSecurityGroupId:
        this.directory.directory.securityGroupId,
      desktopBundleName: spec.workspaces.bundleName,
    });

    // Only the groups whose members call AWS APIs reach the interface
    // endpoints (F3 proves the EMR side): the EMR nodes and the desktops. The
    // service-access group only talks to the nodes on 8443, so it is left out.
    this.endpoints.admitHttpsFrom(
      'emr-primary',
      this.emr.primarySecurityGroup.id,
    );
    this.endpoints.admitHttpsFrom('emr-core', this.emr.coreSecurityGroup.id);
    this.endpoints.admitHttpsFrom('desktops', this.workspaces.securityGroup.id);

    // Desktops reach the Spark applications on the primary node (F1).
    this.desktopAccess = new EnclaveDesktopAccess(this, 'desktop-access', {
      desktopSecurityGroupId: this.workspaces.securityGroup.id,
      emrPrimarySecurityGroupId: this.emr.primarySecurityGroup.id,
      applications: spec.emr.applications,
    });

    const outputs: Record<
      EnclaveOutputName,
      { value: unknown; description: string }
    > = {
      vpc_id: { value: vpcId, description: 'VPC id' },
      subnet_ids: {
        value: subnetIds,
        description: 'Private subnet ids (two AZs)',
      },
      security_group_ids: {
        value: {
          endpoints: this.endpoints.securityGroup.id,
          emr_primary: this.emr.primarySecurityGroup.id,
          emr_core: this.emr.coreSecurityGroup.id,
          emr_service_access: this.emr.serviceAccessSecurityGroup.id,
          workspaces: this.workspaces.securityGroup.id,
        },
        description: 'Security group ids by role',
      },
      directory_id: {
        value: this.directory.directory.id,
        description: 'Managed AD directory id',
      },
      directory_dns_ip_addresses: {
        value: this.directory.directory.dnsIpAddresses,
        description: 'Domain controller DNS addresses',
      },
      directory_admin_secret_arn: {
        value: this.directory.adminSecret.arn,
        description:
          'Secrets Manager secret holding the directory admin credentials',
      },
      workspaces_registration_code: {
        value: this.workspaces.workspacesDirectory.registrationCode,
        description: 'Registration code users enter in the WorkSpaces client',
      },
      emr_launch_spec: {
        value: this.emr.launchSpec.output,
        description:
          'Launch configuration of the on-demand EMR cluster (startSparkCluster)',
      },
      data_bucket_name: {
        value: this.dataBucket.bucket.bucket,
        description: 'Data bucket name',
      },
      kms_key_arn: { value: keyArn, description: 'Environment KMS key ARN' },
      flow_log_group_name: {
        value: this.flowLogs.logGroup.name,
        description: 'VPC flow log group',
      },
    };
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, name, output).overrideLogicalId(name);
    }
  }
}

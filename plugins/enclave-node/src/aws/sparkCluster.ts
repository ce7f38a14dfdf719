import {
  ClusterState,
  DescribeClusterCommand,
  EMRClient,
  RunJobFlowCommand,
  RunJobFlowInput,
  TerminateJobFlowsCommand,
  paginateListClusters,
} from '@aws-sdk/client-emr';
import { ENCLAVE_TAG_KEYS } from '@data-enclave/plugin-enclave-common';
import { z } from 'zod';
import { EMR_LAUNCH_SPEC_KIND, EmrLaunchSpec } from '../stack/emrLaunchSpec';
import { pollUntil } from './poll';
import { Timing } from './timing';
import { toAwsTags } from './userSecrets';
import { EnclaveLogger } from './types';

/**
 * The on-demand Spark cluster (why it is not in Terraform: stack/emrLaunchSpec.ts).
 *
 * Every EMR call the product makes is in this file (RunJobFlow, ListClusters,
 * DescribeCluster, TerminateJobFlows; errors per botocore
 * `emr/2009-03-31/service-2.json`: RunJobFlow and TerminateJobFlows list
 * InternalServerError, ListClusters and DescribeCluster InternalServerException
 * and InvalidRequestException). The cluster is found by its name (the
 * environment's resource prefix, unique per account) among the clusters that
 * are not terminated, and confirmed by its `enclave:environment` tag.
 */

/** States in which a cluster exists and counts as "the" cluster: never start a second one. */
export const ACTIVE_CLUSTER_STATES: ClusterState[] = [
  'STARTING',
  'BOOTSTRAPPING',
  'RUNNING',
  'WAITING',
];
/** States worth showing (a terminating cluster is not startable yet). */
const LISTED_STATES: ClusterState[] = [...ACTIVE_CLUSTER_STATES, 'TERMINATING'];

const block = <T extends z.ZodTypeAny>(item: T) => z.array(item).length(1);

/** The `emr_launch_spec` output, validated before any AWS call. */
export const emrLaunchSpecSchema: z.ZodType<EmrLaunchSpec> = z.object({
  kind: z.literal(EMR_LAUNCH_SPEC_KIND),
  name: z.string().min(1),
  release_label: z.string().regex(/^emr-\d+\.\d+\.\d+$/),
  applications: z.array(z.string().min(1)).min(1),
  service_role: z.string().min(1),
  instance_profile: z.string().min(1),
  security_configuration: z.string().min(1),
  log_uri: z.string().startsWith('s3://'),
  log_encryption_kms_key_id: z.string().min(1),
  // Required: a spec without it would launch with EMR's default
  // (emr-managed), which pushes logs to AWS-owned buckets the S3 endpoint
  // does not admit (awsFacts/emrLogUpload.ts).
  log_type_upload_policy: z.object({
    'system-logs': z.enum(['emr-managed', 'on-customer-s3only', 'disabled']),
    'application-logs': z.enum([
      'emr-managed',
      'on-customer-s3only',
      'disabled',
    ]),
    'persistent-ui-logs': z.enum(['emr-managed', 'disabled']),
  }),
  auto_termination_policy: block(
    z.object({ idle_timeout: z.number().int().min(60).max(604800) }),
  ),
  ec2_attributes: block(
    z.object({
      subnet_id: z.string().startsWith('subnet-'),
      emr_managed_master_security_group: z.string().startsWith('sg-'),
      emr_managed_slave_security_group: z.string().startsWith('sg-'),
      service_access_security_group: z.string().startsWith('sg-'),
    }),
  ),
  master_instance_group: block(
    z.object({ instance_type: z.string(), instance_count: z.literal(1) }),
  ),
  core_instance_group: block(
    z.object({
      instance_type: z.string(),
      instance_count: z.number().int().min(1),
      ebs_config: block(
        z.object({
          size: z.number().int().min(1),
          type: z.string(),
          volumes_per_instance: z.number().int().min(1),
        }),
      ),
    }),
  ),
  tags: z.record(z.string()),
});

/** Reads the stack output; a clear error names what is wrong and what to do. */
export function parseEmrLaunchSpec(raw: unknown): EmrLaunchSpec {
  const parsed = emrLaunchSpecSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `The stack output emr_launch_spec is missing or invalid (${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join(
          '; ',
        )}). Apply the environment's stack (or upgrade it to a stack version with on-demand EMR) before starting Spark.`,
    );
  }
  return parsed.data;
}

/** RunJobFlow input: the launch spec, nothing else (G6 checked exactly these values). */
export function runJobFlowInput(spec: EmrLaunchSpec): RunJobFlowInput {
  const ec2 = spec.ec2_attributes[0];
  const core = spec.core_instance_group[0];
  const ebs = core.ebs_config[0];
  return {
    Name: spec.name,
    ReleaseLabel: spec.release_label,
    Applications: spec.applications.map(Name => ({ Name })),
    ServiceRole: spec.service_role,
    JobFlowRole: spec.instance_profile,
    SecurityConfiguration: spec.security_configuration,
    LogUri: spec.log_uri,
    LogEncryptionKmsKeyId: spec.log_encryption_kms_key_id,
    // botocore emr RunJobFlowInput.MonitoringConfiguration →
    // S3LoggingConfiguration.LogTypeUploadPolicy (map LogType → LogUploadPolicyValue).
    MonitoringConfiguration: {
      S3LoggingConfiguration: {
        LogTypeUploadPolicy: { ...spec.log_type_upload_policy },
      },
    },
    AutoTerminationPolicy: {
      IdleTimeout: spec.auto_termination_policy[0].idle_timeout,
    },
    Instances: {
      UnhealthyNodeReplacement: true,
      Ec2SubnetId: ec2.subnet_id,
      EmrManagedMasterSecurityGroup: ec2.emr_managed_master_security_group,
      EmrManagedSlaveSecurityGroup: ec2.emr_managed_slave_security_group,
      ServiceAccessSecurityGroup: ec2.service_access_security_group,
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
      InstanceGroups: [
        {
          Name: 'primary',
          InstanceRole: 'MASTER',
          InstanceType: spec.master_instance_group[0].instance_type,
          InstanceCount: 1,
        },
        {
          Name: 'core',
          InstanceRole: 'CORE',
          InstanceType: core.instance_type,
          InstanceCount: core.instance_count,
          EbsConfiguration: {
            EbsBlockDeviceConfigs: [
              {
                VolumeSpecification: {
                  SizeInGB: ebs.size,
                  VolumeType: ebs.type,
                },
                VolumesPerInstance: ebs.volumes_per_instance,
              },
            ],
          },
        },
      ],
    },
    Tags: toAwsTags(spec.tags),
  };
}

export interface SparkClusterStatus {
  /** `NONE` when no cluster of the environment is running (idle-out is normal). */
  state: ClusterState | 'NONE';
  clusterId?: string;
  stateReason?: string;
  /** Private DNS name of the primary node, once known. */
  primaryDns?: string;
}

/** How the environment's cluster is recognised: its name and environment tag. */
export interface SparkClusterIdentity {
  /** The cluster name: the environment's resource prefix (`launchSpec.name`). */
  name: string;
  /** Value of the `enclave:environment` tag. */
  environment: string;
}

export function sparkClusterIdentity(
  spec: EmrLaunchSpec,
): SparkClusterIdentity {
  return {
    name: spec.name,
    environment: spec.tags[ENCLAVE_TAG_KEYS.environment] ?? '',
  };
}

interface SparkClusterCall {
  client: EMRClient;
  identity: SparkClusterIdentity;
  signal?: AbortSignal;
}

/** The environment's clusters that are not terminated, newest first. */
async function liveClusters(options: SparkClusterCall) {
  const { client, identity, signal } = options;
  const { environment } = identity;
  const found: SparkClusterStatus[] = [];
  for await (const page of paginateListClusters(
    { client },
    { ClusterStates: LISTED_STATES },
    { abortSignal: signal },
  )) {
    for (const summary of page.Clusters ?? []) {
      if (summary.Name !== identity.name || !summary.Id) continue;
      const { Cluster } = await client.send(
        new DescribeClusterCommand({ ClusterId: summary.Id }),
        { abortSignal: signal },
      );
      const tag = Cluster?.Tags?.find(
        t => t.Key === ENCLAVE_TAG_KEYS.environment,
      );
      // A same-named cluster of someone else is not ours to report or stop.
      if (tag?.Value !== environment) continue;
      const reason = Cluster?.Status?.StateChangeReason;
      const stateReason = [reason?.Code, reason?.Message]
        .filter(Boolean)
        .join(': ');
      found.push({
        state: Cluster?.Status?.State ?? summary.Status?.State ?? 'STARTING',
        clusterId: summary.Id,
        ...(stateReason ? { stateReason } : {}),
        ...(Cluster?.MasterPublicDnsName
          ? { primaryDns: Cluster.MasterPublicDnsName }
          : {}),
      });
    }
  }
  return found;
}

/** The environment's Spark cluster right now, or `NONE`. */
export async function sparkClusterStatus(
  options: SparkClusterCall,
): Promise<SparkClusterStatus> {
  const clusters = await liveClusters(options);
  return (
    clusters.find(c =>
      ACTIVE_CLUSTER_STATES.includes(c.state as ClusterState),
    ) ??
    clusters[0] ?? { state: 'NONE' }
  );
}

/**
 * Starts the environment's cluster, unless one is already starting, running
 * or waiting: then that one is returned (`started: false`). Idempotent for
 * retries and double clicks; concurrent starts are prevented upstream by the
 * registry's busy state (RunJobFlow takes no client token).
 */
export async function startSparkCluster(options: {
  client: EMRClient;
  spec: EmrLaunchSpec;
  logger: EnclaveLogger;
  signal?: AbortSignal;
}): Promise<SparkClusterStatus & { started: boolean }> {
  const current = await sparkClusterStatus({
    ...options,
    identity: sparkClusterIdentity(options.spec),
  });
  if (ACTIVE_CLUSTER_STATES.includes(current.state as ClusterState)) {
    options.logger.info(
      `Spark cluster ${current.clusterId} is already ${current.state}; not starting another`,
    );
    return { ...current, started: false };
  }
  if (current.state === 'TERMINATING') {
    throw new Error(
      `Spark cluster ${current.clusterId} is still terminating; start it again once it has terminated (a minute or two).`,
    );
  }
  const out = await options.client.send(
    new RunJobFlowCommand(runJobFlowInput(options.spec)),
    { abortSignal: options.signal },
  );
  options.logger.info(`Started Spark cluster ${out.JobFlowId}`);
  return {
    state: 'STARTING',
    ...(out.JobFlowId ? { clusterId: out.JobFlowId } : {}),
    started: true,
  };
}

/**
 * Terminates the environment's live clusters and waits until they are
 * TERMINATED (before `terraform destroy`: a running cluster holds the
 * security groups, the instance profile and writes logs into the bucket).
 */
export async function terminateSparkClusters(
  options: SparkClusterCall & {
    logger: EnclaveLogger;
    timing?: Timing;
    minDelayMs?: number;
    maxDelayMs?: number;
    maxWaitMs?: number;
  },
): Promise<string[]> {
  const live = (await liveClusters(options))
    .map(c => c.clusterId!)
    .filter(Boolean);
  if (live.length === 0) {
    options.logger.info('No Spark cluster is running');
    return [];
  }
  await options.client.send(
    new TerminateJobFlowsCommand({ JobFlowIds: live }),
    {
      abortSignal: options.signal,
    },
  );
  options.logger.info(`Terminating Spark cluster(s) ${live.join(', ')}`);
  await pollUntil(
    async () => {
      const remaining = await liveClusters(options);
      return remaining.length === 0
        ? { done: true, value: undefined }
        : {
            done: false,
            status: remaining.map(c => `${c.clusterId} ${c.state}`).join(', '),
          };
    },
    {
      description: `Spark cluster(s) ${live.join(', ')} to terminate`,
      minDelayMs: options.minDelayMs ?? 15_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      maxWaitMs: options.maxWaitMs ?? 30 * 60_000,
      signal: options.signal,
      timing: options.timing,
    },
  );
  return live;
}

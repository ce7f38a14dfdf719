/*
 * Decommissioning, in the only order AWS accepts and that leaves nothing
 * behind:
 *
 *   1. terminate every WorkSpace in the directory and wait until they are gone
 *      (they are created by the SDK, not Terraform, so Terraform cannot);
 *   2. deregister the directory from WorkSpaces, retrying while AWS still
 *      counts terminating WorkSpaces or authorized applications on it (a
 *      registered directory cannot be deleted);
 *   3. terminate the on-demand Spark cluster and wait until it is gone (the
 *      SDK starts it, so Terraform does not know it; while it runs it holds
 *      the security groups and instance profile and writes logs);
 *   4. empty the versioned data bucket: every version and delete marker,
 *      with progress (DeleteBucket refuses a non-empty bucket with
 *      BucketNotEmpty; see aws/emptyBucket.ts for why not force_destroy);
 *   5. `terraform destroy` the stack (VPC, roles, directory, bucket; the KMS
 *      key is scheduled for deletion by the provider; the admin secret is
 *      deleted without a recovery window);
 *   6. delete the people's initial-password secrets without a recovery
 *      window, the last thing outside Terraform's state, so the name can be
 *      provisioned again at once. They go last so that a destroy that fails
 *      half-way leaves an environment whose people can still be told their
 *      credentials, and a re-run still knows which secrets to delete.
 *
 * Each step runs inside `checkpoint` (ctx.checkpoint upstream), so a retried
 * task resumes after the last step that completed; each step is also
 * idempotent on its own (already gone counts as done).
 */
import type { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import { listWorkspacesByDirectory } from '../aws/createWorkspaces';
import {
  deregisterWorkspaceDirectory,
  terminateWorkspaces,
} from '../aws/teardown';
import { Timing } from '../aws/timing';
import { EnclaveLogger } from '../aws/types';
import { deleteUserSecret, userSecretName } from '../aws/userSecrets';
import type { Checkpoint } from '../provision/provisionEnvironment';
import { emptyVersionedBucket } from '../aws/emptyBucket';
import { terminateSparkClusters } from '../aws/sparkCluster';
import {
  environmentDataBucketName,
  environmentSparkCluster,
} from '../stack/resourceNames';
import { environmentTerraform, storedSpec } from './environmentTerraform';

export type DestroyPhase =
  | 'workspaces'
  | 'directory'
  | 'spark'
  | 'bucket'
  | 'terraform'
  | 'secrets';

export interface DestroyEnvironmentOptions {
  /** The registry record's stored spec. */
  spec: Record<string, unknown>;
  /** The stack version the environment was applied with. */
  stackVersion: string;
  config: DataEnclaveConfig;
  /** The environment's Terraform working dir (where its state is). */
  workDir: string;
  /** Registry outputs; without a directory (a failed provisioning) steps 1–2 are skipped. */
  directoryId?: string;
  /** Members as recorded: their usernames name the secrets. */
  members: ReadonlyArray<{ username: string; secretName?: string }>;
  clients: EnclaveAwsClients;
  /** Credentials for terraform in the environment's account. */
  terraformEnv: Record<string, string | undefined>;
  logger: EnclaveLogger;
  signal?: AbortSignal;
  checkpoint?: Checkpoint;
  onPhase?: (phase: DestroyPhase) => void;
  onSpawn?: (pid: number, command: string) => void;
  /** Running count of deleted bucket object versions (progress for the card). */
  onBucketProgress?: (deleted: number) => void;
  /** Waits: injected clock and first/max poll delays (defaults 15 s / 60 s). */
  timing?: Timing;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface DestroyEnvironmentResult {
  workspacesTerminated: string[];
  directory: 'deregistered' | 'not-registered' | 'none';
  sparkClustersTerminated: string[];
  /** Object versions and delete markers deleted from the data bucket. */
  bucketObjectsDeleted: number;
  terraformSummary?: string;
  secretsDeleted: string[];
}

const identity: Checkpoint = (_key, fn) => fn();

export async function destroyEnvironment(
  options: DestroyEnvironmentOptions,
): Promise<DestroyEnvironmentResult> {
  const { clients, logger, signal, timing, directoryId } = options;
  const checkpoint = options.checkpoint ?? identity;
  const name = String(options.spec.name);
  const wait = {
    signal,
    timing,
    minDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
  };

  options.onPhase?.('workspaces');
  const workspacesTerminated = await checkpoint(
    `destroy:workspaces:${name}`,
    async () => {
      if (!directoryId) {
        logger.info('No directory was created: no WorkSpaces to terminate');
        return [] as string[];
      }
      // Ask AWS rather than the registry: a desktop from an interrupted
      // add-user run may not be recorded anywhere else.
      const ids = (
        await listWorkspacesByDirectory({
          client: clients.workspaces,
          directoryId,
          signal,
          timing,
        })
      )
        .filter(ws => ws.WorkspaceId && ws.State !== 'TERMINATED')
        .map(ws => ws.WorkspaceId!);
      logger.info(`Terminating ${ids.length} WorkSpace(s)`);
      const outcome = await terminateWorkspaces({
        client: clients.workspaces,
        workspaceIds: ids,
        logger,
        ...wait,
      });
      if (outcome.failed.length) {
        throw new Error(
          `could not terminate ${outcome.failed
            .map(f => `${f.workspaceId} (${f.error})`)
            .join(
              ', ',
            )}; the directory stays registered until they are gone. Re-run the task to retry.`,
        );
      }
      return outcome.terminated;
    },
  );

  options.onPhase?.('directory');
  const directory = await checkpoint(
    `destroy:directory:${name}`,
    async (): Promise<DestroyEnvironmentResult['directory']> =>
      directoryId
        ? deregisterWorkspaceDirectory({
            client: clients.workspaces,
            directoryId,
            logger,
            ...wait,
          })
        : 'none',
  );

  const spec = storedSpec(options.spec, options.config, options.stackVersion);

  options.onPhase?.('spark');
  const sparkClustersTerminated = await checkpoint(
    `destroy:spark:${name}`,
    () =>
      terminateSparkClusters({
        client: clients.emr,
        identity: environmentSparkCluster(spec),
        logger,
        ...wait,
      }),
  );

  options.onPhase?.('bucket');
  const bucketObjectsDeleted = await checkpoint(
    `destroy:bucket:${name}`,
    async () => {
      const bucket = environmentDataBucketName(spec);
      const emptied = await emptyVersionedBucket({
        client: clients.s3,
        bucket,
        logger,
        signal,
        onProgress: options.onBucketProgress,
      });
      return emptied.deleted;
    },
  );

  options.onPhase?.('terraform');
  const terraformSummary = await checkpoint(
    `destroy:terraform:${name}`,
    async () => {
      const { runner } = environmentTerraform({
        spec: options.spec,
        stackVersion: options.stackVersion,
        config: options.config,
        workDir: options.workDir,
        env: options.terraformEnv,
        log: line => logger.info(line),
        signal,
        onSpawn: options.onSpawn,
      });
      await runner.init();
      const result = await runner.destroy();
      return result.summaryLine ?? 'terraform destroy completed';
    },
  );

  options.onPhase?.('secrets');
  const secretsDeleted = await checkpoint(
    `destroy:secrets:${name}`,
    async () => {
      const names = [
        ...new Set(
          options.members.map(
            m => m.secretName ?? userSecretName(name, m.username),
          ),
        ),
      ];
      for (const secretName of names) {
        // No recovery window: the key that encrypts it is being deleted,
        // and the name must be free for an immediate re-provision.
        await deleteUserSecret(secretName, {
          client: clients.secretsManager,
          forceDeleteWithoutRecovery: true,
          signal,
        });
        logger.info(`Deleted secret ${secretName}`);
      }
      return names;
    },
  );

  return {
    workspacesTerminated,
    directory,
    sparkClustersTerminated,
    bucketObjectsDeleted,
    terraformSummary,
    secretsDeleted,
  };
}

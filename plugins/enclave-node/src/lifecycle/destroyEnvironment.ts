/*
 * Decommissioning, in the only order AWS accepts and that leaves nothing
 * behind:
 *
 *   1. terminate every WorkSpace in the directory and wait until they are gone
 *      (they are created by the SDK, not Terraform, so Terraform cannot);
 *   2. deregister the directory from WorkSpaces, retrying while AWS still
 *      counts terminating WorkSpaces or authorized applications on it (a
 *      registered directory cannot be deleted);
 *   3. `terraform destroy` the stack (VPC, EMR, directory, keys, bucket…);
 *   4. delete the people's initial-password secrets, the last thing outside
 *      Terraform's state. They go last so that a destroy that fails half-way
 *      leaves an environment whose people can still be told their
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
import { environmentTerraform } from './environmentTerraform';

export type DestroyPhase = 'workspaces' | 'directory' | 'terraform' | 'secrets';

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
  /** Waits: injected clock and first/max poll delays (defaults 15 s / 60 s). */
  timing?: Timing;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface DestroyEnvironmentResult {
  workspacesTerminated: string[];
  directory: 'deregistered' | 'not-registered' | 'none';
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
        await deleteUserSecret(secretName, {
          client: clients.secretsManager,
          signal,
          timing,
        });
        logger.info(`Deleted secret ${secretName}`);
      }
      return names;
    },
  );

  return { workspacesTerminated, directory, terraformSummary, secretsDeleted };
}

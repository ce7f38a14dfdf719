import {
  DeregisterWorkspaceDirectoryCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  TerminateWorkspacesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pLimit from 'p-limit';
import { WORKSPACES_BATCH_SIZE, chunk } from './batches';
import { DirectoryDataApi } from './directoryDataClient';
import { backoffDelay, pollUntil } from './poll';
import { deleteUserSecret, userSecretName } from './userSecrets';
import { deleteDirectoryUser } from './users';
import { describeError, errorName } from './awsErrors';
import { Timing, realTiming, throwIfAborted } from './timing';
import { EnclaveLogger } from './types';
import {
  formatWorkspaceFailure,
  isRetryableWorkspaceFailure,
} from './workspaceErrors';

/**
 * Teardown primitives for decommissioning and removing users. Order for a
 * full decommission: terminateWorkspaces → deregisterWorkspaceDirectory →
 * deleteDirectoryUsers / deleteUserSecrets → terraform destroy. Every step is
 * idempotent (already-gone counts as done) so a failed decommission can simply
 * be re-run.
 */

interface WaitTuning {
  signal?: AbortSignal;
  timing?: Timing;
  /** First poll delay (default 15 s), doubling up to 60 s. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Bound on the injected clock (the signal is the primary bound). */
  maxWaitMs?: number;
}

export interface TerminateWorkspacesOptions extends WaitTuning {
  client: WorkSpacesClient;
  workspaceIds: readonly string[];
  logger: EnclaveLogger;
  /** Rounds for retryable FailedRequests (default 5). */
  maxAttempts?: number;
}

export interface TerminateWorkspacesOutcome {
  terminated: string[];
  failed: { workspaceId: string; error: string }[];
}

/** TerminateWorkspaces in batches of ≤ 25, then waits until the ids are gone. */
export async function terminateWorkspaces(
  options: TerminateWorkspacesOptions,
): Promise<TerminateWorkspacesOutcome> {
  const { client, logger, signal } = options;
  const timing = options.timing ?? realTiming;
  const failed = new Map<string, string>();
  let pending = [...new Set(options.workspaceIds)];
  const maxAttempts = options.maxAttempts ?? 5;

  for (let attempt = 1; pending.length > 0; attempt++) {
    throwIfAborted(signal, 'Terminating WorkSpaces');
    const retry: string[] = [];
    for (const batch of chunk(pending, WORKSPACES_BATCH_SIZE)) {
      const out = await client.send(
        new TerminateWorkspacesCommand({
          TerminateWorkspaceRequests: batch.map(WorkspaceId => ({
            WorkspaceId,
          })),
        }),
        { abortSignal: signal },
      );
      for (const f of out.FailedRequests ?? []) {
        if (!f.WorkspaceId) continue;
        // An id that no longer exists is already terminated.
        if (f.ErrorCode?.startsWith('ResourceNotFound')) continue;
        const error = formatWorkspaceFailure(f.ErrorCode, f.ErrorMessage);
        if (
          isRetryableWorkspaceFailure(f.ErrorCode, f.ErrorMessage) &&
          attempt < maxAttempts
        ) {
          retry.push(f.WorkspaceId);
        } else {
          failed.set(f.WorkspaceId, error);
          logger.warn(
            `TerminateWorkspaces failed for ${f.WorkspaceId}: ${error}`,
          );
        }
      }
    }
    if (retry.length > 0) {
      await timing.sleep(backoffDelay(attempt, 5_000, 60_000), signal);
    }
    pending = retry;
  }

  const waitingFor = [...new Set(options.workspaceIds)].filter(
    id => !failed.has(id),
  );
  await waitUntilGone(client, waitingFor, logger, options);
  return {
    terminated: waitingFor,
    failed: [...failed].map(([workspaceId, error]) => ({ workspaceId, error })),
  };
}

async function waitUntilGone(
  client: WorkSpacesClient,
  workspaceIds: string[],
  logger: EnclaveLogger,
  options: WaitTuning,
): Promise<void> {
  if (workspaceIds.length === 0) return;
  const { signal, timing } = options;
  let open = workspaceIds;
  const limit = pLimit(4);
  await pollUntil(
    async () => {
      const pages = await Promise.all(
        chunk(open, WORKSPACES_BATCH_SIZE).map(ids =>
          limit(() =>
            client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids }), {
              abortSignal: signal,
            }),
          ),
        ),
      );
      const stillThere = new Set(
        pages
          .flatMap(p => p.Workspaces ?? [])
          .filter(ws => ws.WorkspaceId && ws.State !== 'TERMINATED')
          .map(ws => ws.WorkspaceId!),
      );
      open = open.filter(id => stillThere.has(id));
      logger.info(
        `WorkSpaces: ${workspaceIds.length - open.length}/${
          workspaceIds.length
        } terminated`,
      );
      return open.length === 0
        ? { done: true, value: undefined }
        : { done: false, status: `${open.length} still terminating` };
    },
    {
      description: `${workspaceIds.length} WorkSpace(s) to terminate`,
      minDelayMs: options.minDelayMs ?? 15_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      maxWaitMs: options.maxWaitMs,
      signal,
      timing,
    },
  );
}

export interface DeregisterDirectoryOptions extends WaitTuning {
  client: WorkSpacesClient;
  directoryId: string;
  logger: EnclaveLogger;
}

/**
 * True for the errors DeregisterWorkspaceDirectory returns while the
 * directory is still in use, which clear up on their own once the terminated
 * WorkSpaces are fully gone. The operation's errors in botocore
 * `workspaces/2015-04-08/service-2.json` are AccessDeniedException,
 * InvalidParameterValuesException, OperationNotSupportedException,
 * ResourceNotFoundException and InvalidResourceStateException ("The state of
 * the resource is not valid for this operation"); its documentation says "If
 * any WorkSpaces are registered to this directory, you must remove them
 * before you can deregister the directory", and the service answers with
 * OperationNotSupportedException or InvalidResourceStateException while
 * terminating WorkSpaces or authorized applications still count against it.
 * That is a bounded wait (pollUntil, bounded by the caller's signal and
 * maxWaitMs), not a retry of throttling, which the SDK does.
 */
const DIRECTORY_IN_USE = new Set([
  'InvalidResourceStateException',
  'OperationNotSupportedException',
]);

export function isDirectoryStillInUse(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  const code = errorName(error);
  return (
    (code !== undefined && DIRECTORY_IN_USE.has(code)) ||
    /authorized applications/i.test(message)
  );
}

/**
 * DeregisterWorkspaceDirectory, retried while AWS still reports WorkSpaces or
 * authorized applications on the directory, then waits until the registration
 * is gone (the directory can only be deleted after that).
 */
export async function deregisterWorkspaceDirectory(
  options: DeregisterDirectoryOptions,
): Promise<'deregistered' | 'not-registered'> {
  const { client, directoryId, logger, signal, timing } = options;
  const tuning = {
    minDelayMs: options.minDelayMs ?? 15_000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    maxWaitMs: options.maxWaitMs,
    signal,
    timing,
  };
  const registered = await pollUntil<boolean>(
    async () => {
      try {
        await client.send(
          new DeregisterWorkspaceDirectoryCommand({
            DirectoryId: directoryId,
          }),
          { abortSignal: signal },
        );
        return { done: true, value: true };
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') {
          return { done: true, value: false };
        }
        if (isDirectoryStillInUse(error)) {
          logger.info(
            `Directory ${directoryId} still in use, retrying deregistration: ${describeError(
              error,
            )}`,
          );
          return { done: false, status: describeError(error) };
        }
        throw error;
      }
    },
    {
      description: `directory ${directoryId} to deregister from WorkSpaces`,
      ...tuning,
    },
  );
  if (!registered) {
    logger.info(`Directory ${directoryId} is not registered with WorkSpaces`);
    return 'not-registered';
  }
  await pollUntil(
    async () => {
      const out = await client.send(
        new DescribeWorkspaceDirectoriesCommand({
          DirectoryIds: [directoryId],
        }),
        { abortSignal: signal },
      );
      const state = out.Directories?.find(
        d => d.DirectoryId === directoryId,
      )?.State;
      return !state || state === 'DEREGISTERED'
        ? { done: true, value: undefined }
        : { done: false, status: state };
    },
    {
      description: `directory ${directoryId} registration to be removed`,
      ...tuning,
    },
  );
  logger.info(`Directory ${directoryId} deregistered from WorkSpaces`);
  return 'deregistered';
}

export interface DeleteUsersOptions {
  directoryId: string;
  usernames: readonly string[];
  directoryData: DirectoryDataApi;
  secretsManager: SecretsManagerClient;
  environment: string;
  logger: EnclaveLogger;
  /** Delete secrets immediately instead of after the recovery window (default false). */
  forceDeleteSecrets?: boolean;
  recoveryWindowInDays?: number;
  concurrency?: number;
  signal?: AbortSignal;
  timing?: Timing;
}

export interface DeleteUserOutcome {
  username: string;
  error?: string;
}

/** Deletes directory users (DS Data DeleteUser) and their password secrets. */
export async function deleteUsersAndSecrets(
  options: DeleteUsersOptions,
): Promise<DeleteUserOutcome[]> {
  const limit = pLimit(options.concurrency ?? 10);
  const { signal, timing } = options;
  return Promise.all(
    [...new Set(options.usernames)].map(username =>
      limit(async (): Promise<DeleteUserOutcome> => {
        try {
          await deleteDirectoryUser(username, {
            directoryId: options.directoryId,
            client: options.directoryData,
            signal,
            timing,
          });
          await deleteUserSecret(
            userSecretName(options.environment, username),
            {
              client: options.secretsManager,
              forceDeleteWithoutRecovery: options.forceDeleteSecrets,
              recoveryWindowInDays: options.recoveryWindowInDays,
              signal,
            },
          );
          options.logger.info(
            `Deleted directory user ${username} and its secret`,
          );
          return { username };
        } catch (error) {
          if (signal?.aborted) throw error;
          const message = describeError(error);
          options.logger.warn(`Deleting user ${username} failed: ${message}`);
          return { username, error: message };
        }
      }),
    ),
  );
}

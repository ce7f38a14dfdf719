import {
  Compute,
  CreateWorkspacesCommand,
  RunningMode,
  Workspace,
  WorkspaceRequest,
  WorkSpacesClient,
  paginateDescribeWorkspaces,
} from '@aws-sdk/client-workspaces';
import pLimit from 'p-limit';
import { WORKSPACES_BATCH_SIZE, chunk } from './batches';
import { backoffDelay } from './poll';
import { withUsernameTag } from '@data-enclave/plugin-enclave-common';
import { toAwsTags } from './userSecrets';
import { describeError } from './awsErrors';
import { Timing, realTiming, throwIfAborted } from './timing';
import { EnclaveLogger } from './types';
import {
  formatWorkspaceFailure,
  isRetryableWorkspaceFailure,
} from './workspaceErrors';

/**
 * All WorkSpaces of a directory (paginated). Used before creating, so a re-run
 * skips users who already have a desktop: that is what makes provisioning
 * idempotent, since CreateWorkspaces itself has no client token.
 */
export async function listWorkspacesByDirectory(options: {
  client: WorkSpacesClient;
  directoryId: string;
  signal?: AbortSignal;
  timing?: Timing;
}): Promise<Workspace[]> {
  const out: Workspace[] = [];
  for await (const page of paginateDescribeWorkspaces(
    {
      client: options.client,
    },
    { DirectoryId: options.directoryId },
    { abortSignal: options.signal },
  )) {
    throwIfAborted(options.signal, 'Listing WorkSpaces');
    out.push(...(page.Workspaces ?? []));
  }
  return out;
}

export interface CreateWorkspacesOptions {
  client: WorkSpacesClient;
  directoryId: string;
  bundleId: string;
  /** sAMAccountNames to create desktops for. */
  usernames: readonly string[];
  /** The environment's KMS key: encrypts root and user volumes. */
  kmsKeyArn: string;
  computeType: string;
  /** AUTO_STOP timeout; WorkSpaces requires a multiple of 60. */
  autoStopTimeoutMinutes: number;
  /** The environment's tags, from enclaveDefaultTags (the one tag function). */
  tags: Record<string, string>;
  /** Streaming protocol, default 'WSP' (Amazon DCV). */
  protocol?: 'WSP' | 'PCOIP';
  logger: EnclaveLogger;
  signal?: AbortSignal;
  timing?: Timing;
  /** Rounds for retryable FailedRequests, including the first (default 5). */
  maxAttempts?: number;
  /** First delay before re-sending retryable failures (default 5 s, doubling, max 60 s). */
  retryBaseDelayMs?: number;
  /** Parallel CreateWorkspaces calls (default 4). */
  concurrency?: number;
}

export interface CreateWorkspacesOutcome {
  created: { username: string; workspaceId: string; state: string }[];
  failed: { username: string; error: string }[];
}

export function workspaceRequest(
  username: string,
  options: CreateWorkspacesOptions,
): WorkspaceRequest {
  return {
    DirectoryId: options.directoryId,
    UserName: username,
    BundleId: options.bundleId,
    VolumeEncryptionKey: options.kmsKeyArn,
    RootVolumeEncryptionEnabled: true,
    UserVolumeEncryptionEnabled: true,
    WorkspaceProperties: {
      RunningMode: RunningMode.AUTO_STOP,
      RunningModeAutoStopTimeoutInMinutes: options.autoStopTimeoutMinutes,
      // A plain string in our API (it comes from user-facing config); the
      // service validates it and reports a bad value per request.
      ComputeTypeName: options.computeType as Compute,
      Protocols: [options.protocol ?? 'WSP'],
    },
    Tags: toAwsTags(withUsernameTag(options.tags, username)),
  };
}

/**
 * CreateWorkspaces in batches of at most 25 requests. Per-request failures come
 * back in FailedRequests: retryable ones (see workspaceErrors.ts) are re-sent
 * with backoff, the others are reported per user while everyone else's desktop
 * continues.
 */
export async function createWorkspaces(
  options: CreateWorkspacesOptions,
): Promise<CreateWorkspacesOutcome> {
  const { client, logger, signal } = options;
  const timing = options.timing ?? realTiming;
  const maxAttempts = options.maxAttempts ?? 5;
  const limit = pLimit(options.concurrency ?? 4);
  const outcome: CreateWorkspacesOutcome = { created: [], failed: [] };
  const byLowerName = new Map(options.usernames.map(u => [u.toLowerCase(), u]));

  let pending = [...options.usernames];
  for (let attempt = 1; pending.length > 0; attempt++) {
    throwIfAborted(signal, 'Creating WorkSpaces');
    const retry: { username: string; error: string }[] = [];
    await Promise.all(
      chunk(pending, WORKSPACES_BATCH_SIZE).map(batch =>
        limit(async () => {
          let result;
          try {
            result = await client.send(
              new CreateWorkspacesCommand({
                Workspaces: batch.map(u => workspaceRequest(u, options)),
              }),
              { abortSignal: signal },
            );
          } catch (error) {
            if (signal?.aborted) throw error;
            // The whole call failed after the SDK's own retries: every user in
            // the batch gets the error; other batches are unaffected.
            const message = `CreateWorkspaces failed: ${describeError(error)}`;
            for (const username of batch) {
              outcome.failed.push({ username, error: message });
            }
            return;
          }
          for (const ws of result.PendingRequests ?? []) {
            const username =
              byLowerName.get((ws.UserName ?? '').toLowerCase()) ?? ws.UserName;
            if (username && ws.WorkspaceId) {
              outcome.created.push({
                username,
                workspaceId: ws.WorkspaceId,
                state: ws.State ?? 'PENDING',
              });
            }
          }
          for (const failure of result.FailedRequests ?? []) {
            const requested = failure.WorkspaceRequest?.UserName ?? '';
            const username =
              byLowerName.get(requested.toLowerCase()) ?? requested;
            const error = formatWorkspaceFailure(
              failure.ErrorCode,
              failure.ErrorMessage,
            );
            if (
              isRetryableWorkspaceFailure(
                failure.ErrorCode,
                failure.ErrorMessage,
              )
            ) {
              retry.push({ username, error });
            } else {
              logger.warn(`CreateWorkspaces failed for ${username}: ${error}`);
              outcome.failed.push({ username, error });
            }
          }
        }),
      ),
    );
    if (retry.length === 0) break;
    if (attempt >= maxAttempts) {
      for (const { username, error } of retry) {
        logger.warn(
          `CreateWorkspaces failed for ${username} after ${attempt} attempts: ${error}`,
        );
        outcome.failed.push({
          username,
          error: `${error} (gave up after ${attempt} attempts)`,
        });
      }
      break;
    }
    const delay = backoffDelay(
      attempt,
      options.retryBaseDelayMs ?? 5_000,
      60_000,
    );
    logger.warn(
      `CreateWorkspaces: ${
        retry.length
      } request(s) failed with retryable errors (${[
        ...new Set(retry.map(r => r.error.split(':')[0])),
      ].join(', ')}); retrying in ${Math.round(delay / 1000)}s`,
    );
    await timing.sleep(delay, signal);
    pending = retry.map(r => r.username);
  }
  return outcome;
}

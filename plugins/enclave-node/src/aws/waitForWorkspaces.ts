import {
  DescribeWorkspacesCommand,
  Workspace,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import pLimit from 'p-limit';
import { WORKSPACES_BATCH_SIZE, chunk } from './batches';
import { PollOutcome, WaitTimeoutError, pollUntil } from './poll';
import { Timing } from './timing';
import { EnclaveLogger } from './types';

/**
 * Waiting for new WorkSpaces (typically 20+ minutes). Provisioned desktops
 * usually land in AVAILABLE; with AUTO_STOP a desktop may already have stopped
 * when a long wait ends, which is just as ready. ERROR and TERMINATED are final
 * failures. Everything else (PENDING, STARTING, UPDATING, ...) keeps us waiting.
 */
export const READY_STATES: ReadonlySet<string> = new Set([
  'AVAILABLE',
  'STOPPED',
]);
export const FAILED_STATES: ReadonlySet<string> = new Set([
  'ERROR',
  'TERMINATING',
  'TERMINATED',
]);

export interface WorkspaceState {
  workspaceId: string;
  state: string;
  userName?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** The wait hit its bound; `states` holds the last state seen per desktop. */
export class WorkspacesWaitTimeoutError extends WaitTimeoutError {
  readonly states: Map<string, WorkspaceState>;
  constructor(cause: WaitTimeoutError, states: Map<string, WorkspaceState>) {
    super(cause.message, { cause });
    this.states = states;
  }
}

export interface WaitForWorkspacesOptions {
  client: WorkSpacesClient;
  workspaceIds: readonly string[];
  logger: EnclaveLogger;
  /** The overall bound and cancellation (ctx.signal upstream). Aborting stops polling at once. */
  signal?: AbortSignal;
  /** First poll delay, default 15 s; doubles up to maxDelayMs (default 60 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Optional bound on the injected clock, in addition to the signal. */
  maxWaitMs?: number;
  timing?: Timing;
  /** Parallel DescribeWorkspaces calls per round (default 4). */
  concurrency?: number;
}

export function toWorkspaceState(ws: Workspace): WorkspaceState {
  return {
    workspaceId: ws.WorkspaceId!,
    state: ws.State ?? 'UNKNOWN',
    ...(ws.UserName ? { userName: ws.UserName } : {}),
    ...(ws.ErrorCode ? { errorCode: ws.ErrorCode } : {}),
    ...(ws.ErrorMessage ? { errorMessage: ws.ErrorMessage } : {}),
  };
}

/** "7/12 AVAILABLE, 5 PENDING" */
export function formatProgress(states: Iterable<WorkspaceState>): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { state } of states) {
    counts.set(state, (counts.get(state) ?? 0) + 1);
    total++;
  }
  const available = counts.get('AVAILABLE') ?? 0;
  counts.delete('AVAILABLE');
  const rest = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, n]) => `${n} ${state}`);
  return [`${available}/${total} AVAILABLE`, ...rest].join(', ');
}

/**
 * Polls DescribeWorkspaces (≤ 25 ids a call, only for desktops not yet settled)
 * until every desktop is ready or failed. Returns the final state per id.
 * Throws WaitTimeoutError / AbortError when the signal or bound stops the wait.
 */
export async function waitForWorkspaces(
  options: WaitForWorkspacesOptions,
): Promise<Map<string, WorkspaceState>> {
  const { client, logger, signal, timing } = options;
  const states = new Map<string, WorkspaceState>(
    options.workspaceIds.map(id => [id, { workspaceId: id, state: 'PENDING' }]),
  );
  if (states.size === 0) return states;
  const limit = pLimit(options.concurrency ?? 4);
  const reportedErrors = new Set<string>();
  const settled = (s: WorkspaceState) =>
    READY_STATES.has(s.state) || FAILED_STATES.has(s.state);

  const pollOnce = async (): Promise<
    PollOutcome<Map<string, WorkspaceState>>
  > => {
    const open = [...states.values()]
      .filter(s => !settled(s))
      .map(s => s.workspaceId);
    const pages = await Promise.all(
      chunk(open, WORKSPACES_BATCH_SIZE).map(ids =>
        limit(() =>
          client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids }), {
            abortSignal: signal,
          }),
        ),
      ),
    );
    for (const ws of pages.flatMap(p => p.Workspaces ?? [])) {
      if (!ws.WorkspaceId || !states.has(ws.WorkspaceId)) continue;
      const state = toWorkspaceState(ws);
      states.set(ws.WorkspaceId, {
        ...state,
        userName: state.userName ?? states.get(ws.WorkspaceId)?.userName,
      });
      if (
        FAILED_STATES.has(state.state) &&
        !reportedErrors.has(state.workspaceId)
      ) {
        reportedErrors.add(state.workspaceId);
        logger.error(
          `WorkSpace ${state.workspaceId}${
            state.userName ? ` (${state.userName})` : ''
          } is ${state.state}: ${state.errorCode ?? 'no error code'}${
            state.errorMessage ? `: ${state.errorMessage}` : ''
          }`,
        );
      }
    }
    const progress = formatProgress(states.values());
    logger.info(`WorkSpaces: ${progress}`);
    return [...states.values()].every(settled)
      ? { done: true, value: states }
      : { done: false, status: progress };
  };

  try {
    return await pollUntil(pollOnce, {
      description: `${states.size} WorkSpace(s) to become AVAILABLE`,
      minDelayMs: options.minDelayMs ?? 15_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      maxWaitMs: options.maxWaitMs,
      signal,
      timing,
    });
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new WorkspacesWaitTimeoutError(error, states);
    }
    throw error;
  }
}

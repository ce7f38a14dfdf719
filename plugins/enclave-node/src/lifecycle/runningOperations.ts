/*
 * The lifecycle operations this backend process is running, so that a
 * graceful shutdown (SIGTERM, a rolling restart) closes them itself instead
 * of leaving their environments busy until the reconciler notices the
 * silence (staleAfterSeconds). Process-wide like the terraform supervisor:
 * the scaffolder actions register here, and whoever holds the registry's
 * store in this process (the enclave backend plugin) registers a closer.
 *
 * Why a local closer and not the HTTP API: during shutdown Backstage answers
 * every plugin route with 503 "Service is shutting down" (all plugins stop in
 * parallel), so an action's own attempt to record its failure fails; the
 * database stays open until the root shutdown, after the plugin hooks. When
 * the registry lives in another deployment there is no local closer and the
 * fallback (the HTTP client, whose server is not shutting down) is used.
 *
 * With task recovery taking over, nothing is closed: the recovered task
 * resumes its own operation (the store gives the same task id its operation
 * back), so a release here would only make it start from a failed record.
 */

export const SHUTDOWN_FAILURE_REASON =
  'interrupted by a backend shutdown; retry the task (nothing is running on this environment any more)';

/** Closes `taskId`'s operation on the environment as failed with `reason`. */
export type OperationCloser = (
  environmentId: string,
  taskId: string,
  reason: string,
) => Promise<unknown>;

interface Running {
  environmentId: string;
  taskId: string;
  attempted: Promise<void>;
  markAttempted(): void;
}

const running = new Map<string, Running>();
let localCloser: OperationCloser | undefined;
let handedOver = false;

const keyOf = (environmentId: string, taskId: string) =>
  `${environmentId}\u0000${taskId}`;

/** The registry's own closer in this process (direct store access). */
export function setLocalOperationCloser(closer: OperationCloser | undefined) {
  localCloser = closer;
}

/** What an action holds while its operation runs in this process. */
export interface RunningOperationHandle {
  /**
   * Awaits the write that records the operation's outcome. Only a write that
   * succeeded unregisters it: a failed one (503 during shutdown) leaves it to
   * failRunningOperations.
   */
  recorded<T>(write: Promise<T>): Promise<T>;
  /** Unregisters without recording (handed over to a recovered task). */
  untrack(): void;
}

/** Registers an operation this process runs until its outcome is recorded. */
export function trackRunningOperation(
  environmentId: string,
  taskId: string,
): RunningOperationHandle {
  const key = keyOf(environmentId, taskId);
  let markAttempted = () => {};
  const attempted = new Promise<void>(resolve => {
    markAttempted = resolve;
  });
  const entry: Running = { environmentId, taskId, attempted, markAttempted };
  running.set(key, entry);
  const untrack = () => {
    if (running.get(key) === entry) running.delete(key);
    entry.markAttempted();
  };
  return {
    async recorded(write) {
      try {
        const result = await write;
        untrack();
        return result;
      } finally {
        entry.markAttempted();
      }
    },
    untrack,
  };
}

/** How many operations this process is running. */
export function runningOperationCount(): number {
  return running.size;
}

/**
 * Shutdown with task recovery taking over: from now on an interrupted action
 * does not record its failure, so that its operation stays held for the
 * recovered task. Set before terraform is interrupted, so that no action's
 * error handler runs ahead of it.
 */
export function handOverToRecoveredTasks(): void {
  handedOver = true;
}

/** True once handOverToRecoveredTasks ran in this process. */
export function handedOverToRecovery(): boolean {
  return handedOver;
}

/** How failRunningOperations closes what is left and where it reports. */
export interface FailRunningOperationsOptions {
  /** Used when no local closer is registered (registry in another deployment). */
  fallback: OperationCloser;
  /** Where each close (info) or refusal (warn) is reported. */
  logger: { info(message: string): void; warn(message: string): void };
  /**
   * How long the actions get to try recording their own outcome first
   * (terraform was just interrupted, so their handlers are running). Default 2 s.
   */
  settleMs?: number;
}

/**
 * Closes every operation still registered as failed with
 * SHUTDOWN_FAILURE_REASON: the environment goes to the operation's release
 * state (provision and destroy: failed; day-2: where it started). One that
 * its task or the reconciler already closed is left alone (the closer
 * refuses it).
 */
export async function failRunningOperations(
  options: FailRunningOperationsOptions,
): Promise<{ closed: string[] }> {
  const { logger } = options;
  const pending = [...running.values()];
  if (pending.length === 0) return { closed: [] };
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(pending.map(p => p.attempted)),
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, options.settleMs ?? 2000);
    }),
  ]);
  clearTimeout(timer);
  const close = localCloser ?? options.fallback;
  const closed: string[] = [];
  for (const op of [...running.values()]) {
    running.delete(keyOf(op.environmentId, op.taskId));
    try {
      await close(op.environmentId, op.taskId, SHUTDOWN_FAILURE_REASON);
      closed.push(op.environmentId);
      logger.info(
        `environment ${op.environmentId}: task ${op.taskId} ${SHUTDOWN_FAILURE_REASON}`,
      );
    } catch (error) {
      logger.warn(
        `could not close task ${op.taskId}'s operation on ${op.environmentId} at shutdown: ${error}`,
      );
    }
  }
  return { closed };
}

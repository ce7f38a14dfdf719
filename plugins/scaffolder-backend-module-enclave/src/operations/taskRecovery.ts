/*
 * Whether a task interrupted by this backend's shutdown will be picked up
 * again by the scaffolder, read exactly as @backstage/plugin-scaffolder-backend
 * 4.2.0 reads its settings:
 *
 * - recovery: `scaffolder.taskRecovery.enabled`, else the older
 *   `scaffolder.EXPERIMENTAL_recoverTasks`, default off
 *   (dist/scaffolder/tasks/taskRecoveryHelper.cjs.js, isTaskRecoveryEnabled).
 *   Recovery reopens tasks still `processing` whose heartbeat stopped
 *   (DatabaseTaskStore.recoverTasks). With it off the scaffolder also clears a
 *   task's secrets when a worker claims it (DatabaseTaskStore.claimTask).
 * - graceful shutdown: `scaffolder.EXPERIMENTAL_gracefulShutdown`
 *   (dist/service/router.cjs.js): TaskWorker.stop then waits until every
 *   running task has finished, so an interrupted task ends `failed` before
 *   the process exits and is never recovered.
 */
import type { Config } from '@backstage/config';

export function taskRecoveryEnabled(config: Config): boolean {
  return (
    config.getOptionalBoolean('scaffolder.taskRecovery.enabled') ??
    config.getOptionalBoolean('scaffolder.EXPERIMENTAL_recoverTasks') ??
    false
  );
}

/**
 * True when the tasks running at shutdown will be recovered and resume their
 * operations: recovery on, and no graceful shutdown that finishes them first.
 */
export function recoveredTasksTakeOver(config: Config): boolean {
  return (
    taskRecoveryEnabled(config) &&
    !config.getOptionalBoolean('scaffolder.EXPERIMENTAL_gracefulShutdown')
  );
}

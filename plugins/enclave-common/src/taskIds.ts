/*
 * Who holds an environment's claim, read from the operation's task id. Most
 * holders are scaffolder tasks (their id is the scaffolder's), but the
 * backend's own background work claims environments too: a fleet run
 * (`fleet:<run id>`) and a drift-check round (`drift:<round id>`). The
 * scaffolder has never heard of those, so the operation reconciler must not
 * ask it about them (it would say "missing" and release a live claim), and
 * the card must not link them to a task page.
 */

/**
 * The task id under which a fleet run claims environments, so the operation
 * reconciler asks the fleet run store (not the scaffolder) whether it lives.
 * @public
 */
export const FLEET_TASK_ID_PREFIX = 'fleet:';

/** @public */
export function fleetTaskId(runId: string): string {
  return `${FLEET_TASK_ID_PREFIX}${runId}`;
}

/** The run id in a fleet task id, or undefined for any other task id. @public */
export function fleetRunIdOfTask(taskId: string): string | undefined {
  return taskId.startsWith(FLEET_TASK_ID_PREFIX)
    ? taskId.slice(FLEET_TASK_ID_PREFIX.length)
    : undefined;
}

/**
 * The task id a drift-check round claims environments under: one per round,
 * judged by its heartbeat alone.
 * @public
 */
export const DRIFT_TASK_ID_PREFIX = 'drift:';

/** @public */
export function driftTaskId(roundId: string): string {
  return `${DRIFT_TASK_ID_PREFIX}${roundId}`;
}

/** @public */
export function isDriftTaskId(taskId: string): boolean {
  return taskId.startsWith(DRIFT_TASK_ID_PREFIX);
}

/** The holder is a scaffolder task (it has a task page). @public */
export function isScaffolderTaskId(taskId: string): boolean {
  return !isDriftTaskId(taskId) && fleetRunIdOfTask(taskId) === undefined;
}

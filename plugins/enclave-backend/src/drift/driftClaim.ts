/*
 * The task id a drift round claims environments under. The scaffolder has
 * never heard of it, so the reconciler must not ask it (a live round would be
 * "missing" and its claims released under it): driftTaskLookup answers these
 * ids, and the round's heartbeat decides.
 */
export const DRIFT_CLAIM_TASK_PREFIX = 'drift:';

/** `drift:<roundId>`: one id per round, shared by the environments it checks. */
export function driftClaimTaskId(roundId: string): string {
  return `${DRIFT_CLAIM_TASK_PREFIX}${roundId}`;
}

export function isDriftClaimTaskId(taskId: string): boolean {
  return taskId.startsWith(DRIFT_CLAIM_TASK_PREFIX);
}

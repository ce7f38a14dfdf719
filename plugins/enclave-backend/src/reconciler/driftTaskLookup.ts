/*
 * Drift rounds claim environments under `drift:<roundId>`
 * (driftTaskId, enclave-common). A round lives in one backend process and keeps no row
 * of its own; it heartbeats each claim every operations.heartbeatSeconds.
 * So a drift claim is judged by its operation's heartbeat alone: this lookup
 * answers "not ended" (the reconciler then falls back to the heartbeat, see
 * OperationReconciler.deadReason) and passes every other id on. A round
 * whose process died stops beating and is released after
 * operations.staleAfterSeconds.
 */
import { isDriftTaskId } from '@data-enclave/plugin-enclave-common';
import type { TaskLiveness, TaskLookup } from './OperationReconciler';

const JUDGED_BY_HEARTBEAT: TaskLiveness = { status: 'processing' };

export function driftTaskLookup(options: { others: TaskLookup }): TaskLookup {
  return {
    async getTask(taskId): Promise<TaskLiveness> {
      return isDriftTaskId(taskId)
        ? JUDGED_BY_HEARTBEAT
        : options.others.getTask(taskId);
    },
  };
}

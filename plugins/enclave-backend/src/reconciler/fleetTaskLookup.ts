/*
 * The reconciler asks a task lookup whether the task holding an environment
 * still lives. Fleet runs claim environments under `fleet:<runId>`
 * (fleetTaskId), which the scaffolder has never heard of: asked there, a
 * live fleet run would be "missing" and its environments released under it.
 * This lookup answers fleet task ids from the fleet run store, in the
 * scaffolder's vocabulary the reconciler understands, and passes every other
 * id on.
 *
 * A `fleet:` id the store does not know is not a dead backend run: the
 * library's default taskId is `fleet:<random uuid>`, so a CLI (or any other
 * caller of enclave-node's fleet functions) claiming over HTTP holds
 * environments under ids no run row has. Such a holder is judged by its
 * operation's heartbeat alone (the reconciler's fallback), which it sends
 * every operations.heartbeatSeconds while terraform runs.
 */
import {
  fleetRunIdOfTask,
  FleetRunStatus,
} from '@data-enclave/plugin-enclave-common';
import { toIso } from '../database/rows';
import type { FleetRunStore } from '../fleet/FleetRunStore';
import type { TaskLiveness, TaskLookup } from './OperationReconciler';

/** Ended fleet runs as the scaffolder's ended task statuses. */
const ENDED_AS: Record<
  Exclude<FleetRunStatus, 'queued' | 'running'>,
  string
> = {
  succeeded: 'completed',
  failed: 'failed',
  interrupted: 'cancelled',
};

/**
 * Not ended, without a heartbeat of its own: the reconciler then decides by
 * the operation's heartbeat (OperationReconciler.deadReason).
 */
const UNKNOWN_FLEET_RUN: TaskLiveness = { status: 'processing' };

export function fleetTaskLookup(options: {
  runs: Pick<FleetRunStore, 'find'>;
  /** dataEnclave.operations.staleAfterSeconds: a silent run's process died. */
  staleAfterSeconds: number;
  /** Everything that is not a fleet task (scaffolderTaskLookup). */
  others: TaskLookup;
  now?: () => Date;
}): TaskLookup {
  const now = options.now ?? (() => new Date());
  return {
    async getTask(taskId): Promise<TaskLiveness> {
      const runId = fleetRunIdOfTask(taskId);
      if (runId === undefined) return options.others.getTask(taskId);
      const row = await options.runs.find(runId);
      if (!row) return UNKNOWN_FLEET_RUN;
      const status = row.status as FleetRunStatus;
      if (status === 'queued') return { status: 'open' };
      if (status === 'running') {
        const beat = toIso(
          row.heartbeat_at ?? row.started_at ?? row.created_at,
        );
        const silentSeconds = (now().getTime() - Date.parse(beat)) / 1000;
        // Stale before the worker round noticed: its process is gone.
        return silentSeconds > options.staleAfterSeconds
          ? { status: 'failed', lastHeartbeatAt: beat }
          : { status: 'processing', lastHeartbeatAt: beat };
      }
      return { status: ENDED_AS[status] };
    },
  };
}

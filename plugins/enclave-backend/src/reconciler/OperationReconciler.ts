/*
 * Releases environments whose operation no task is running any more, so that
 * no crash, kill or lost task leaves an environment busy forever.
 *
 * An operation is dead when the scaffolder says its task has completed,
 * failed or been cancelled (it ended without recording its outcome), when the
 * task no longer exists, or when its heartbeat has been silent for
 * `dataEnclave.operations.staleAfterSeconds`. A task that is `open` again
 * (recovered after a crash, waiting for a worker) or `processing` with a fresh
 * heartbeat is alive and left alone. When the scaffolder cannot be asked, only
 * a stale heartbeat counts: uncertainty never releases a live task.
 *
 * The release is the store's compare-and-set on the operation id, so a task
 * that finishes at the same moment wins, and the effect is visible where the
 * user looks: the environment's lastError on the card and the failed
 * operation (with the same reason) in the audit trail.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { OperationRecord } from '@data-enclave/plugin-enclave-common';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';

/** What the scaffolder knows about a task. */
export type TaskLiveness =
  | { status: 'missing' }
  | { status: string; lastHeartbeatAt?: string };

export interface TaskLookup {
  /** The task's status, `missing` on 404; throws when the scaffolder cannot answer. */
  getTask(taskId: string): Promise<TaskLiveness>;
}

/** Scaffolder task statuses after which the task runs no more code. */
const ENDED_TASK_STATUSES = ['completed', 'failed', 'cancelled', 'skipped'];

export interface ReconcileResult {
  /** In-flight operations looked at (fewer than in flight when aborted). */
  checked: number;
  released: Array<{ environmentId: string; reason: string }>;
}

export class OperationReconciler {
  constructor(
    private readonly deps: {
      registry: Pick<EnvironmentRegistry, 'listInFlight' | 'releaseOperation'>;
      tasks: TaskLookup;
      staleAfterSeconds: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /**
   * One round over every in-flight operation. An aborted `signal` (the
   * scheduler's timeout, or shutdown) ends the round between operations: the
   * scheduler's lock is released then, and a round that outlived it would run
   * beside the next one on another replica.
   */
  async reconcile(signal?: AbortSignal): Promise<ReconcileResult> {
    const { registry, logger } = this.deps;
    const inFlight = await registry.listInFlight();
    const released: ReconcileResult['released'] = [];
    let checked = 0;
    for (const { environment, operation } of inFlight) {
      if (signal?.aborted) break;
      checked++;
      const why = await this.deadReason(operation);
      if (!why) continue;
      const reason = `Released by the reconciler: ${why}. Nothing is running on ${environment.name} any more; run the task again, provision it again or decommission it.`;
      const done = await registry.releaseOperation(
        environment.id,
        operation?.id,
        reason,
      );
      if (done) {
        released.push({ environmentId: environment.id, reason });
        logger.warn(`environment ${environment.id}: ${reason}`);
      }
    }
    return { checked, released };
  }

  /** Why the operation is dead, or undefined while it may be alive. */
  private async deadReason(
    operation: OperationRecord | undefined,
  ): Promise<string | undefined> {
    if (!operation) {
      return 'the environment was busy but no task held it (left by an older version)';
    }
    const label = `${operation.kind} (task ${operation.taskId ?? 'unknown'})`;
    if (operation.taskId) {
      try {
        const task = await this.deps.tasks.getTask(operation.taskId);
        if (task.status === 'missing') {
          return `${label} no longer exists in the scaffolder`;
        }
        if (ENDED_TASK_STATUSES.includes(task.status)) {
          return `${label} ended as ${task.status} without recording its outcome`;
        }
      } catch (error) {
        this.deps.logger.debug(
          `could not ask the scaffolder about task ${operation.taskId}: ${error}`,
        );
      }
    }
    const beat = operation.heartbeatAt ?? operation.startedAt;
    const silentSeconds =
      ((this.deps.now?.() ?? new Date()).getTime() - Date.parse(beat)) / 1000;
    if (silentSeconds > this.deps.staleAfterSeconds) {
      return `${label} sent no heartbeat for ${Math.round(
        silentSeconds,
      )} s (dataEnclave.operations.staleAfterSeconds: ${
        this.deps.staleAfterSeconds
      })`;
    }
    return undefined;
  }
}

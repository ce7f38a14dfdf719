/*
 * The registry side of enclave:environment:provision: open the record (a new
 * environment, or a planned or failed one provisioned again), follow the
 * pipeline's phase and progress on it for the card, and close it with the
 * outcome. The day-2 actions do the same through lifecycleOperation.ts.
 */
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  EnclaveClient,
  EnvironmentSpec,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';
import {
  APPLY_ATTEMPT_DETAIL,
  GuardrailViolationError,
  handedOverToRecovery,
  ProvisionEnvironmentResult,
  ProvisionPhase,
  toGuardrailReportJson,
  trackRunningOperation,
} from '@data-enclave/plugin-enclave-node';
import { CatalogUser } from '../catalog/catalogUsers';
import { startHeartbeat } from './lifecycleOperation';
import { throttleLatest } from './throttleLatest';

export type ProvisionRegistry = Pick<
  EnclaveClient,
  | 'findEnvironment'
  | 'createEnvironment'
  | 'updateEnvironment'
  | 'startOperation'
  | 'heartbeatOperation'
  | 'listEnvironments'
  | 'finishOperation'
>;

export interface ProvisionOperation {
  environmentId: string;
  onPhase(phase: ProvisionPhase): void;
  onProgress(progress: { done: number; total: number }): void;
  /** Records the result; returns the environment's new state. */
  succeed(result: ProvisionEnvironmentResult): Promise<'ready' | 'planned'>;
  /** Records the failure (best effort: the task fails with `error` anyway). */
  fail(error: unknown): Promise<void>;
}

/** How often the card's progress count is written (ms). */
const PROGRESS_INTERVAL_MS = 5000;

export async function startProvisionOperation(
  ctx: ActionContext<any, any, any>,
  registry: ProvisionRegistry,
  spec: EnvironmentSpec,
  users: CatalogUser[],
  /** dataEnclave.operations.heartbeatSeconds: how often the task reports it is alive. */
  heartbeatSeconds = 15,
  /** Apply mode: terraform may create resources, which the audit trail must say. */
  applies = false,
): Promise<ProvisionOperation> {
  const initiator = ctx.user?.ref ?? 'unknown';
  const operation = (
    result: 'running' | 'succeeded' | 'failed',
    error?: string,
  ): UpdateEnvironmentRequest['operation'] => ({
    kind: 'provision',
    initiator,
    taskId: ctx.task.id,
    result,
    ...(error ? { error } : {}),
  });
  const environmentId = await ctx.checkpoint({
    key: `registry:${spec.team}:${spec.name}`,
    fn: async () => {
      const existing = await registry.findEnvironment(spec.team, spec.name);
      const recorded = {
        spec: spec as unknown as Record<string, unknown>,
        stackVersion: spec.stackVersion,
        state: 'provisioning' as const,
      };
      // A new record holds the environment for this task from its first row
      // (the unique name settles a race); provisioning a planned or failed
      // one again is the store's compare-and-set, refused ("already exists
      // …") while it is in any other state or another task holds it.
      const record = existing
        ? (
            await registry.startOperation(existing.id, {
              kind: 'provision',
              initiator,
              taskId: ctx.task.id,
              busyState: 'provisioning',
              allowedStates: ['planned', 'failed'],
              releaseState: 'failed',
              change: { spec: recorded.spec, stackVersion: spec.stackVersion },
            })
          ).environment
        : await registry.createEnvironment({
            ...recorded,
            name: spec.name,
            team: spec.team,
            region: spec.region,
            accountId: spec.accountId,
            members: spec.users.map(({ entityRef, username }) => ({
              entityRef,
              username,
              email: users.find(u => u.entityRef === entityRef)?.email,
            })),
            initiator,
            taskId: ctx.task.id,
          });
      const operationId = record.currentOperation?.id;
      if (applies && operationId) {
        // Before terraform runs, and inside the checkpoint so that it is
        // never skipped: a task killed mid-apply leaves no other trace, and a
        // plan-mode decommission reads this to know AWS may hold resources
        // (enclave-node appliedEvidence).
        await registry.updateEnvironment(record.id, {
          operation: {
            id: operationId,
            kind: 'provision',
            initiator,
            taskId: ctx.task.id,
            result: 'running',
            detail: { ...APPLY_ATTEMPT_DETAIL },
          },
        });
      }
      return record.id;
    },
  });

  // Tells the reconciler this task is alive until the outcome is recorded.
  const stopHeartbeat = startHeartbeat(
    registry,
    environmentId,
    ctx.task.id,
    heartbeatSeconds,
    ctx.logger,
  );
  // Until then, a graceful shutdown closes it for us.
  const running = trackRunningOperation(environmentId, ctx.task.id);

  // Best effort: the card's live view must never fail the provisioning.
  const update = (change: UpdateEnvironmentRequest) => {
    registry.updateEnvironment(environmentId, change).catch(() => {});
  };
  const progress = throttleLatest(
    PROGRESS_INTERVAL_MS,
    (value: { done: number; total: number }) => update({ progress: value }),
  );

  return {
    environmentId,
    onPhase: phase => {
      // A pending count belongs to the phase that just ended.
      progress.cancel();
      update({ phase, progress: null });
    },
    onProgress: progress,
    async succeed(result) {
      progress.cancel();
      stopHeartbeat();
      const state = result.mode === 'apply' ? 'ready' : 'planned';
      const write = registry.updateEnvironment(environmentId, {
        state,
        stateReason: result.reason ?? null,
        // A release by the reconciler while this task was being recovered
        // left its reason; the task did finish, so it no longer applies.
        lastError: null,
        phase: null,
        guardrails: result.planGuardrails ?? result.synthGuardrails,
        planSummary: result.planSummary,
        outputs: result.outputs,
        members: result.members,
        operation: operation('succeeded'),
      });
      await running.recorded(write);
      return state;
    },
    async fail(error) {
      progress.cancel();
      stopHeartbeat();
      if (handedOverToRecovery()) {
        // The backend is going down with task recovery on: the recovered
        // task resumes this operation, so it stays held (runningOperations).
        running.untrack();
        ctx.logger.info(
          'Backend shutting down with task recovery on: the recovered task resumes this operation',
        );
        return;
      }
      const message = (error as Error).message;
      await running
        .recorded(
          registry.updateEnvironment(environmentId, {
            state: 'failed',
            phase: null,
            lastError: message,
            // A refused stack shows which rule refused it on the card.
            guardrails:
              error instanceof GuardrailViolationError
                ? toGuardrailReportJson(error.report)
                : undefined,
            operation: operation('failed', message),
          }),
        )
        .catch(e =>
          ctx.logger.warn(`could not record the failure in the registry: ${e}`),
        );
    },
  };
}

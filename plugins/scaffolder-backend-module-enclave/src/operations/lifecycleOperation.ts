/*
 * What every day-2 action does around its real work: find the environment,
 * check that the *initiator* may manage it (the template's picker is a
 * convenience, not a control), start the operation (the store's
 * compare-and-set: refused while another task holds the environment), keep it
 * alive with heartbeats for the reconciler, and close it with the outcome.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  DataEnclaveConfig,
  EnclaveClient,
  enclaveEnvironmentManagePermission,
  BusyState,
  EnvironmentRecord,
  EnvironmentState,
  OperationKind,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';
import type { AwsAccess } from '../aws/awsAccess';
import {
  handedOverToRecovery,
  trackRunningOperation,
} from '@data-enclave/plugin-enclave-node';
import { CatalogUser } from '../catalog/catalogUsers';
import { requireInitiatorCredentials } from './initiatorCredentials';

export type LifecycleRegistry = Pick<
  EnclaveClient,
  | 'getEnvironment'
  | 'updateEnvironment'
  | 'startOperation'
  | 'finishOperation'
  | 'heartbeatOperation'
  | 'listOperations'
  | 'listEnvironments'
>;

/**
 * Tells the reconciler every `seconds` that `taskId` is still working on the
 * environment. Best effort: a missed beat is logged, never fatal. Returns stop.
 */
export function startHeartbeat(
  registry: Pick<EnclaveClient, 'heartbeatOperation'>,
  environmentId: string,
  taskId: string,
  seconds: number,
  logger: { warn(message: string): void },
): () => void {
  const timer = setInterval(() => {
    registry
      .heartbeatOperation(environmentId, taskId)
      .catch(e => logger.warn(`heartbeat for ${environmentId} failed: ${e}`));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Apply-mode access to an environment's account; absent in plan mode. */
export type LifecycleApplyDeps = AwsAccess;

export interface LifecycleActionDeps {
  config: DataEnclaveConfig;
  registry: LifecycleRegistry;
  permissions: Pick<PermissionsService, 'authorize'>;
  findEnvironmentId(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<string>;
  resolveUsers(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogUser[]>;
  apply?: LifecycleApplyDeps;
}

export interface LifecycleOperation {
  environment: EnvironmentRecord;
  credentials: BackstageCredentials;
  initiator: string;
  /** Nothing exists in AWS to change: plan mode, or never applied. */
  planOnly: boolean;
  apply?: LifecycleApplyDeps;
  /**
   * Records the outcome and closes the operation: succeeded, or failed with
   * `error` when part of the work failed but what was done must be kept.
   */
  finish(
    change: Omit<UpdateEnvironmentRequest, 'operation'>,
    detail?: Record<string, unknown>,
    error?: string,
  ): Promise<EnvironmentRecord>;
  /** Records the failure; the environment returns to `state`. */
  fail(error: unknown, state?: EnvironmentState): Promise<void>;
}

type AnyContext = ActionContext<any, any, any>;

export async function beginLifecycleOperation(
  ctx: AnyContext,
  deps: LifecycleActionDeps,
  options: {
    kind: OperationKind;
    environmentRef: string;
    /** State while the operation runs. */
    busyState: BusyState;
    /** States the operation can start from (others get an InputError). */
    allowedStates: EnvironmentState[];
    /** Checks on the input against the environment (after authorization). */
    validate?: (environment: EnvironmentRecord) => void;
    /**
     * Where the environment goes if the operation fails or its task dies.
     * Default: `failed` for destroy (part of it may be gone), else the state
     * it started from.
     */
    releaseState?: EnvironmentState;
  },
): Promise<LifecycleOperation> {
  const { registry, config } = deps;
  const credentials = await requireInitiatorCredentials(ctx, registry);
  // Checkpointed: a retried destroy still finds an environment whose entity
  // has already left the catalog.
  const id = await ctx.checkpoint({
    key: `environment-id:${options.environmentRef}`,
    fn: () => deps.findEnvironmentId(options.environmentRef, credentials),
  });
  const environment = await registry.getEnvironment(id);

  const [decision] = await deps.permissions.authorize(
    [{ permission: enclaveEnvironmentManagePermission, resourceRef: id }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `you may not change environment ${environment.name}: it belongs to ${environment.team}; ask a member of that team or a platform admin`,
    );
  }

  options.validate?.(environment);

  const initiator = ctx.user?.ref ?? 'unknown';
  // The compare-and-set: of two concurrent tasks exactly one gets past this
  // line; a resumed task (same task id, any replica) gets its operation back.
  const started = await registry.startOperation(id, {
    kind: options.kind,
    initiator,
    taskId: ctx.task.id,
    busyState: options.busyState,
    allowedStates: options.allowedStates,
    releaseState:
      options.releaseState ??
      (options.kind === 'destroy' ? 'failed' : undefined),
  });
  if (started.resumed) {
    ctx.logger.info(
      `Resuming ${options.kind} of ${environment.name} (this task already held it)`,
    );
  }
  const stopHeartbeat = startHeartbeat(
    registry,
    id,
    ctx.task.id,
    config.operations.heartbeatSeconds,
    ctx.logger,
  );
  // Until the outcome is recorded, a graceful shutdown closes it for us.
  const running = trackRunningOperation(id, ctx.task.id);
  // A resumed task sees the busy state; the operation remembers the start.
  const fromState = started.operation.fromState ?? environment.state;
  const planOnly =
    config.mode !== 'apply' || !deps.apply || fromState === 'planned';

  return {
    // As the action found it (a resumed task's record already says busy).
    environment: { ...environment, state: fromState },
    credentials,
    initiator,
    planOnly,
    apply: planOnly ? undefined : deps.apply,
    async finish(change, detail, error) {
      stopHeartbeat();
      return running.recorded(
        registry.finishOperation(id, {
          taskId: ctx.task.id,
          result: error ? 'failed' : 'succeeded',
          error,
          detail,
          change: {
            state: fromState,
            phase: null,
            ...(error ? { lastError: error } : {}),
            ...change,
          },
        }),
      );
    },
    async fail(error, state) {
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
      const message = error instanceof Error ? error.message : String(error);
      await running
        .recorded(
          registry.finishOperation(id, {
            taskId: ctx.task.id,
            result: 'failed',
            error: message,
            // Without a state the store uses the operation's release state.
            change: {
              phase: null,
              lastError: message,
              ...(state ? { state } : {}),
            },
          }),
        )
        .catch(e =>
          ctx.logger.warn(`could not record the failure in the registry: ${e}`),
        );
    },
  };
}

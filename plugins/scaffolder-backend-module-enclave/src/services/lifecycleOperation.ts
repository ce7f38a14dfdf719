/*
 * What every day-2 action does around its real work: find the environment,
 * check that the *initiator* may manage it (the template's picker is a
 * convenience, not a control), refuse while another task is changing it, open
 * an operation in the audit trail, and close it with the outcome.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  DataEnclaveConfig,
  EnclaveClient,
  enclaveEnvironmentManagePermission,
  EnvironmentRecord,
  EnvironmentState,
  OperationKind,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';
import type {
  EnclaveAwsClients,
  Timing,
} from '@data-enclave/plugin-enclave-node';
import { CatalogUser } from './catalogUsers';

export type LifecycleRegistry = Pick<
  EnclaveClient,
  'getEnvironment' | 'updateEnvironment' | 'listOperations'
>;

/** Apply-mode access to an environment's account; absent in plan mode. */
export interface LifecycleApplyDeps {
  terraformEnv(
    accountId: string,
    region: string,
  ): Promise<Record<string, string>>;
  awsClients(accountId: string, region: string): Promise<EnclaveAwsClients>;
  /** Waits (tests inject a fake clock and short delays). */
  waits?: { timing?: Timing; minDelayMs?: number; maxDelayMs?: number };
}

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

/** States in which some task is changing the environment. */
const BUSY_STATES: EnvironmentState[] = [
  'provisioning',
  'updating',
  'destroying',
];

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
    busyState: EnvironmentState;
    /** States the operation can start from (others get an InputError). */
    allowedStates: EnvironmentState[];
    /** Checks on the input against the environment (after authorization). */
    validate?: (environment: EnvironmentRecord) => void;
  },
): Promise<LifecycleOperation> {
  const { registry, config } = deps;
  const credentials = await ctx.getInitiatorCredentials();
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

  if (BUSY_STATES.includes(environment.state)) {
    const operations = await registry.listOperations(id);
    const ours = operations.some(
      op => op.result === 'running' && op.taskId === ctx.task.id,
    );
    if (!ours) {
      const running = operations.find(op => op.result === 'running');
      throw new ConflictError(
        `environment ${environment.name} is ${environment.state}${
          running
            ? ` (${running.kind} by ${running.initiator}, task ${
                running.taskId ?? 'unknown'
              })`
            : ''
        }; wait for that task to finish, then run this one again`,
      );
    }
  } else if (!options.allowedStates.includes(environment.state)) {
    throw new InputError(
      `environment ${environment.name} is ${environment.state}; ${
        options.kind
      } needs it ${options.allowedStates.join(' or ')}${
        environment.state === 'failed'
          ? ' (run the provisioning template again to repair it)'
          : ''
      }`,
    );
  }

  const initiator = ctx.user?.ref ?? 'unknown';
  const previousState = BUSY_STATES.includes(environment.state)
    ? 'ready'
    : environment.state;
  const planOnly =
    config.mode !== 'apply' || !deps.apply || environment.state === 'planned';
  const operation = (
    result: 'running' | 'succeeded' | 'failed',
    extra: { error?: string; detail?: Record<string, unknown> } = {},
  ) => ({
    kind: options.kind,
    initiator,
    taskId: ctx.task.id,
    result,
    ...extra,
  });

  await registry.updateEnvironment(id, {
    state: options.busyState,
    lastError: null,
    operation: operation('running'),
  });

  return {
    environment,
    credentials,
    initiator,
    planOnly,
    apply: planOnly ? undefined : deps.apply,
    finish: (change, detail, error) =>
      registry.updateEnvironment(id, {
        state: previousState,
        phase: null,
        ...(error ? { lastError: error } : {}),
        ...change,
        operation: error
          ? operation('failed', { error, detail })
          : operation('succeeded', { detail }),
      }),
    async fail(error, state = previousState) {
      const message = error instanceof Error ? error.message : String(error);
      await registry
        .updateEnvironment(id, {
          state,
          phase: null,
          lastError: message,
          operation: operation('failed', { error: message }),
        })
        .catch(e =>
          ctx.logger.warn(`could not record the failure in the registry: ${e}`),
        );
    },
  };
}

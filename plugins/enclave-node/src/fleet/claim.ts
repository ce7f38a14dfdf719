/*
 * The fleet's side of the registry's operation lock: an environment is
 * claimed with the same compare-and-set the upgrade action uses
 * (startOperation with busyState `updating`), kept alive with heartbeats, and
 * released with the outcome, which the registry records as the operation in
 * the environment's audit trail. A busy environment is reported, never raced.
 */
import {
  EnvironmentRecord,
  FinishOperationRequest,
  isBusyState,
} from '@data-enclave/plugin-enclave-common';
import type { FleetRegistry } from './types';

/** States an upgrade can start from (the upgrade action's allowedStates). */
export const UPGRADE_FROM_STATES = ['ready', 'planned'] as const;

export interface FleetClaim {
  finish(
    result: FinishOperationRequest['result'],
    detail: Record<string, unknown>,
    change?: FinishOperationRequest['change'],
    error?: string,
  ): Promise<void>;
}

/** Why the environment cannot be claimed now, or undefined. */
export function unclaimableReason(
  environment: EnvironmentRecord,
): string | undefined {
  if (isBusyState(environment.state) || environment.currentOperation) {
    const op = environment.currentOperation;
    return `busy: ${environment.state}${
      op ? ` (${op.kind} by ${op.initiator})` : ''
    }; the fleet leaves it alone, run it again once that finishes`;
  }
  if (!(UPGRADE_FROM_STATES as readonly string[]).includes(environment.state)) {
    return `state ${
      environment.state
    }: an upgrade needs it ${UPGRADE_FROM_STATES.join(
      ' or ',
    )} (repair it with the provisioning template first)`;
  }
  return undefined;
}

/** A 409 over HTTP (ResponseError) or the store's ConflictError. */
function isConflict(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number; response?: any };
  return (
    e?.name === 'ConflictError' ||
    e?.statusCode === 409 ||
    e?.response?.status === 409
  );
}

export async function claimEnvironment(
  registry: FleetRegistry,
  environment: EnvironmentRecord,
  options: {
    taskId: string;
    initiator: string;
    heartbeatSeconds: number;
  },
): Promise<{ claim: FleetClaim } | { skipped: string }> {
  const before = unclaimableReason(environment);
  if (before) return { skipped: before };
  try {
    await registry.startOperation(environment.id, {
      kind: 'upgrade',
      initiator: options.initiator,
      taskId: options.taskId,
      busyState: 'updating',
      allowedStates: [...UPGRADE_FROM_STATES],
    });
  } catch (error) {
    // Lost the race to another task between listing and claiming.
    if (isConflict(error)) {
      return {
        skipped: `busy: ${(error as Error).message}`,
      };
    }
    throw error;
  }
  const timer = setInterval(() => {
    registry.heartbeatOperation(environment.id, options.taskId).catch(() => {});
  }, options.heartbeatSeconds * 1000);
  timer.unref();
  return {
    claim: {
      async finish(result, detail, change, error) {
        clearInterval(timer);
        await registry.finishOperation(environment.id, {
          taskId: options.taskId,
          result,
          detail,
          error,
          change: {
            state: environment.state,
            phase: null,
            ...(error ? { lastError: error } : {}),
            ...change,
          },
        });
      },
    },
  };
}

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
  /**
   * The record as the claim found it (the registry's answer to
   * startOperation), not the listing the run started from: a rollout can
   * reach an environment hours after listing it, and its state, spec and
   * version may have changed in between. Its `state` is the one the claim
   * started from (the operation's fromState), not the busy state it holds
   * now, so `ready` still means "applied in AWS".
   */
  environment: EnvironmentRecord;
  /**
   * Closes the claim. The state is left to the registry, which restores the
   * state the claim found (or the operation's release state); `change` adds
   * what the step produced. `error` goes to the audit trail, and to the
   * card's lastError only with `showOnCard`.
   */
  finish(
    result: FinishOperationRequest['result'],
    detail: Record<string, unknown>,
    change?: FinishOperationRequest['change'],
    error?: string,
    options?: { showOnCard?: boolean },
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

/**
 * Why the registry refused the claim in a way that means "not now", or
 * undefined for anything else: 409 / ConflictError (another task holds it),
 * 400 / InputError (its state no longer allows an upgrade, e.g. it failed
 * since the listing), 404 / NotFoundError (gone). Over HTTP a
 * ResponseError, in-process the store's errors.
 */
function refusalOf(error: unknown): string | undefined {
  const e = error as { name?: string; statusCode?: number; response?: any };
  const status = e?.statusCode ?? e?.response?.status;
  if (e?.name === 'ConflictError' || status === 409) return 'busy';
  if (e?.name === 'InputError' || status === 400) return 'not upgradable now';
  if (e?.name === 'NotFoundError' || status === 404) return 'gone';
  return undefined;
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
  let fresh: EnvironmentRecord;
  try {
    const started = await registry.startOperation(environment.id, {
      kind: 'upgrade',
      initiator: options.initiator,
      taskId: options.taskId,
      busyState: 'updating',
      allowedStates: [...UPGRADE_FROM_STATES],
    });
    fresh = {
      ...started.environment,
      state: started.operation.fromState ?? environment.state,
    };
  } catch (error) {
    // Changed between listing and claiming: lost the race to another task,
    // left the states an upgrade starts from, or was removed.
    const refusal = refusalOf(error);
    if (refusal) {
      return { skipped: `${refusal}: ${(error as Error).message}` };
    }
    throw error;
  }
  const timer = setInterval(() => {
    registry.heartbeatOperation(environment.id, options.taskId).catch(() => {});
  }, options.heartbeatSeconds * 1000);
  timer.unref();
  return {
    claim: {
      environment: fresh,
      async finish(result, detail, change, error, finishOptions) {
        clearInterval(timer);
        await registry.finishOperation(environment.id, {
          taskId: options.taskId,
          result,
          detail,
          error,
          change: {
            phase: null,
            // Claiming cleared lastError (the record as listed still has
            // it), and the registry puts a failure's
            // error there: only a failure meant for the owners replaces it,
            // anything else (a plan, a held upgrade, a plan-only failure)
            // puts the earlier one back. `change` may set it (an upgrade
            // that succeeded clears it).
            lastError:
              error && finishOptions?.showOnCard
                ? error
                : environment.lastError ?? null,
            ...change,
          },
        });
      },
    },
  };
}

/**
 * The claimed record reached the target version since the run listed it
 * (a person's upgrade, an earlier rollout): release it untouched and say
 * why, or undefined when there is work to do.
 */
export async function releaseIfCurrent(
  claim: FleetClaim,
  toVersion: string,
): Promise<string | undefined> {
  if (claim.environment.stackVersion !== toVersion) return undefined;
  const reason = `already at ${toVersion} (upgraded since the fleet listed it)`;
  await claim.finish('succeeded', { fleet: 'skipped', reason });
  return reason;
}

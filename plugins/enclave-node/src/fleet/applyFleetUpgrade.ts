/*
 * Fleet rollout: the environments whose fleet plan was safe (destroys
 * nothing, guardrails clean) are upgraded in waves, a canary wave first and
 * then the rest, and the rollout stops at the first failure. Each one runs
 * the per-environment upgrade (upgradeEnvironment, confirm: false): it plans
 * again, so a diff that turned destructive since the fleet plan is held, not
 * applied. Destructive plans are never applied here; they stay with the
 * per-environment upgrade and its explicit approval.
 */
import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import { upgradeEnvironment } from '../lifecycle/upgradeEnvironment';
import { claimEnvironment, releaseIfCurrent } from './claim';
import {
  credentialsFor,
  errorMessage,
  FleetRunOptions,
  phaseReporter,
  removeScratch,
  resolveRun,
} from './fleetRun';
import { runBounded } from './pool';
import type {
  FleetEnvironmentPlan,
  FleetEnvironmentRollout,
  FleetPlan,
  FleetRollout,
} from './types';

export interface ApplyFleetUpgradeOptions extends FleetRunOptions {
  /** The fleet plan to roll out (its target version is the rollout's). */
  plan: FleetPlan;
  /** Environments in the canary wave. Default 1. */
  canarySize?: number;
}

/** One environment's outcome, without the identity fields. */
type RolloutOutcome = Pick<FleetEnvironmentRollout, 'status'> &
  Partial<
    Omit<
      FleetEnvironmentRollout,
      'status' | 'environmentId' | 'name' | 'team' | 'fromVersion' | 'toVersion'
    >
  >;

const HELD_FOR_APPROVAL =
  'Held: the upgrade destroys or replaces resources; review its diff and run the per-environment upgrade with confirm.';

export async function applyFleetUpgrade(
  options: ApplyFleetUpgradeOptions,
): Promise<FleetRollout> {
  const { plan } = options;
  const run = resolveRun({ ...options, toVersion: plan.toVersion });
  const canarySize = options.canarySize ?? 1;
  if (!Number.isInteger(canarySize) || canarySize < 1) {
    throw new RangeError(
      `canary wave size must be a whole number ≥ 1 (got ${canarySize})`,
    );
  }
  const startedAt = new Date().toISOString();
  // Fresh records: the claim needs the current state, not the plan's.
  const records = new Map(
    (await options.registry.listEnvironments()).map(e => [e.id, e]),
  );
  const results = new Map<string, FleetEnvironmentRollout>();
  const outcome = (entry: FleetEnvironmentPlan, rest: RolloutOutcome) => {
    const { environmentId, name, team, fromVersion, toVersion } = entry;
    results.set(environmentId, {
      environmentId,
      name,
      team,
      fromVersion,
      toVersion,
      ...rest,
    });
  };

  const safe: FleetEnvironmentPlan[] = [];
  for (const entry of plan.environments) {
    if (entry.status === 'safe' && records.has(entry.environmentId)) {
      safe.push(entry);
    } else if (entry.status === 'destructive') {
      outcome(entry, {
        status: 'held',
        planSummary: entry.planSummary,
        reason: HELD_FOR_APPROVAL,
      });
    } else {
      outcome(entry, {
        status: 'skipped',
        reason: records.has(entry.environmentId)
          ? `fleet plan ${entry.status}: ${
              entry.reason ?? entry.error ?? ''
            }`.trim()
          : 'no longer in the registry',
      });
    }
  }
  // The canary proves the upgrade on a real environment before the rest
  // follow: applied (`ready`) environments are tried first, and only an
  // environment that was really upgraded counts. One that is held (its plan
  // turned destructive), skipped (busy) or failed does not, so the next
  // candidate takes its place until `canarySize` succeeded; the rest follow
  // in one wave only then.
  const candidates = [...safe].sort(
    (a, b) =>
      Number(records.get(b.environmentId)!.state === 'ready') -
      Number(records.get(a.environmentId)!.state === 'ready'),
  );
  const waves: FleetEnvironmentPlan[][] = [[], []];
  // One record of the first failure, read by every wave's workers.
  const halt: { by?: FleetRollout['stoppedBy'] } = {};
  const stopped = () => Boolean(halt.by) || Boolean(options.signal?.aborted);
  const runWave = async (wave: number, entries: FleetEnvironmentPlan[]) => {
    waves[wave].push(...entries);
    const done = await runBounded(
      entries,
      run.concurrency,
      async entry => {
        // As in the plan: an environment's surprise is its outcome.
        const result = await upgradeOne(
          records.get(entry.environmentId)!,
        ).catch(
          (error): RolloutOutcome => ({
            status: 'failed',
            error: errorMessage(error),
          }),
        );
        outcome(entry, { ...result, wave });
        if (result.status === 'failed' && !halt.by) {
          halt.by = {
            environmentId: entry.environmentId,
            name: entry.name,
            error: result.error ?? 'failed',
          };
        }
        return result;
      },
      // Stop at the first failure, also within a wave.
      stopped,
    );
    return entries.filter((_, i) => !done.has(i));
  };

  let next = 0;
  let canaries = 0;
  while (canaries < canarySize && next < candidates.length && !stopped()) {
    const batch = candidates.slice(next, next + (canarySize - canaries));
    next += batch.length;
    const notStarted = await runWave(0, batch);
    next -= notStarted.length;
    canaries += batch.filter(
      e => results.get(e.environmentId)?.status === 'upgraded',
    ).length;
  }
  const rest = candidates.slice(next);
  const notStarted = stopped() ? rest : await runWave(1, rest);
  notStarted.forEach(entry =>
    outcome(entry, {
      status: 'not-started',
      reason: halt.by
        ? `not started: ${halt.by.name} failed${
            waves[1].includes(entry) ? '' : ' in an earlier wave'
          }`
        : 'not started: the rollout was cancelled',
    }),
  );

  async function upgradeOne(
    listed: EnvironmentRecord,
  ): Promise<RolloutOutcome> {
    const progress = phaseReporter(options, listed, 'apply');
    if (listed.stackVersion === run.toVersion) {
      const reason = `already at ${run.toVersion} (upgraded since the fleet plan)`;
      progress.report('skipped', reason);
      return { status: 'skipped', reason };
    }
    const claimed = await claimEnvironment(options.registry, listed, {
      taskId: run.taskId,
      initiator: options.initiator,
      heartbeatSeconds: options.config.operations.heartbeatSeconds,
    });
    if ('skipped' in claimed) {
      progress.report('skipped', claimed.skipped);
      return { status: 'skipped', reason: claimed.skipped };
    }
    // The record as claimed: its state decides credentials and whether the
    // version moves without an apply, its spec is what is upgraded.
    const environment = claimed.claim.environment;
    const already = await releaseIfCurrent(claimed.claim, run.toVersion);
    if (already) {
      progress.report('skipped', already);
      return { status: 'skipped', reason: already };
    }
    const detail = {
      fleet: 'rollout',
      runId: run.runId,
      toVersion: run.toVersion,
    };
    let workDir: string | undefined;
    try {
      const credentials = await credentialsFor(options, environment);
      workDir = run.workDir(environment, !credentials);
      if (environment.state === 'ready' && !credentials) {
        throw new Error(
          `${environment.name} is applied in AWS, but the fleet was given no terraform credentials (terraformEnv); configure AWS access for account ${environment.accountId} and roll out again`,
        );
      }
      const result = await upgradeEnvironment({
        spec: environment.spec,
        config: options.config,
        toVersion: run.toVersion,
        confirm: false,
        workDir,
        log: progress.log,
        signal: options.signal,
        onPhase: progress.onPhase,
        ...(credentials ? { apply: { env: credentials } } : {}),
      });
      // As the upgrade action: a never-applied record moves with the plan,
      // an applied one only once the apply succeeded.
      const moved = result.applied || environment.state === 'planned';
      const status = result.needsConfirmation || !moved ? 'held' : 'upgraded';
      // A held plan was not applied: it goes to the audit trail only, and
      // the record keeps describing what the environment runs.
      await claimed.claim.finish(
        'succeeded',
        {
          ...detail,
          status,
          applied: result.applied,
          ...(status === 'held' ? { planSummary: result.planSummary } : {}),
        },
        status === 'upgraded'
          ? {
              planSummary: result.planSummary,
              guardrails:
                result.provision.planGuardrails ??
                result.provision.synthGuardrails,
              stackVersion: run.toVersion,
              spec: { ...environment.spec, stackVersion: run.toVersion },
              // Upgraded: an earlier failure is behind it.
              lastError: null,
              ...(result.outputs ? { outputs: result.outputs } : {}),
            }
          : {},
      );
      progress.report(status, result.reason);
      return {
        status,
        applied: result.applied,
        planSummary: result.planSummary,
        ...(status === 'held'
          ? { reason: result.reason ?? HELD_FOR_APPROVAL }
          : {}),
      };
    } catch (error) {
      const message = errorMessage(error);
      await claimed.claim
        .finish('failed', { ...detail, status: 'failed' }, {}, message, {
          // A failed apply needs its owners' attention: the record's
          // lastError (the card's operations table shows it).
          showOnCard: true,
        })
        .catch(() => {});
      progress.report('failed', message);
      return { status: 'failed', error: message };
    } finally {
      if (workDir) removeScratch(workDir, options.config);
    }
  }

  return {
    runId: run.runId,
    toVersion: run.toVersion,
    startedAt,
    finishedAt: new Date().toISOString(),
    waves: waves
      .map(w =>
        w
          .map(e => e.environmentId)
          .filter(id => results.get(id)?.status !== 'not-started'),
      )
      .filter(w => w.length),
    ...(halt.by ? { stoppedBy: halt.by } : {}),
    environments: plan.environments.map(e => results.get(e.environmentId)!),
  };
}

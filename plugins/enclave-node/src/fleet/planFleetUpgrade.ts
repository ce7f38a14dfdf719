/*
 * Fleet plan: for every environment behind the target stack version, the
 * upgrade's own pipeline (provisionEnvironment: synth → guardrails → init →
 * plan → guardrails on the plan) at the new version against the
 * environment's state, stopped before apply, with bounded concurrency and the
 * config's one shared plugin cache. Each environment is claimed for the plan
 * (its state is locked by terraform anyway) and the plan is recorded in its
 * audit trail; the verdict uses the upgrade's apply gate (holdUpgrade).
 */
import { describeDiff, holdUpgrade } from '../lifecycle/upgradeEnvironment';
import { storedSpec } from '../lifecycle/environmentTerraform';
import { provisionEnvironment } from '../provision/provisionEnvironment';
import { toGuardrailReportJson } from '../provision/guardrailReportJson';
import { GuardrailViolationError } from '../guardrails';
import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import { claimEnvironment, releaseIfCurrent } from './claim';
import {
  credentialsFor,
  errorMessage,
  FleetRunOptions,
  phaseReporter,
  refOf,
  removeScratch,
  resolveRun,
} from './fleetRun';
import { runBounded } from './pool';
import type { FleetEnvironmentPlan, FleetPlan } from './types';

export type PlanFleetUpgradeOptions = FleetRunOptions;

/** Why the plan step never applies: the rollout is a separate, explicit step. */
export const FLEET_PLAN_ONLY =
  'Fleet plan: nothing is applied until the rollout (applyFleetUpgrade).';

/** Environments not destroyed and behind `toVersion`, and those already at it. */
export function partitionFleet(
  environments: EnvironmentRecord[],
  toVersion: string,
): { behind: EnvironmentRecord[]; current: EnvironmentRecord[] } {
  const live = environments.filter(e => e.state !== 'destroyed');
  return {
    behind: live.filter(e => e.stackVersion !== toVersion),
    current: live.filter(e => e.stackVersion === toVersion),
  };
}

export async function planFleetUpgrade(
  options: PlanFleetUpgradeOptions,
): Promise<FleetPlan> {
  const run = resolveRun(options);
  const startedAt = new Date().toISOString();
  const { behind, current } = partitionFleet(
    await options.registry.listEnvironments(),
    run.toVersion,
  );

  // Terraform's plugin cache is not safe for concurrent *installs*: two inits
  // unpacking the same provider into it race (hashicorp/terraform#31964,
  // "doesn't match any of the checksums recorded in the dependency lock
  // file"). The first environment that really runs the pipeline (a skipped
  // one does not count) fills it alone; the others wait until it plans (its
  // init is done) or ends, and find the provider already cached.
  const cache = { filler: false, filled: () => {} };
  const cacheReady = new Promise<void>(r => (cache.filled = r));

  const planned = await runBounded(
    behind,
    run.concurrency,
    environment =>
      // One environment's surprise (its claim refused, the registry
      // unreachable) is its outcome, never the run's: a rejection here
      // would end the run while other environments' terraform still runs.
      planOne(environment).catch(
        (error): FleetEnvironmentPlan => ({
          ...refOf(environment),
          toVersion: run.toVersion,
          status: 'failed',
          error: errorMessage(error),
        }),
      ),
    () => Boolean(options.signal?.aborted),
  );

  async function planOne(
    listed: EnvironmentRecord,
  ): Promise<FleetEnvironmentPlan> {
    const base = { ...refOf(listed), toVersion: run.toVersion };
    const progress = phaseReporter(options, listed, 'plan');
    const claimed = await claimEnvironment(options.registry, listed, {
      taskId: run.taskId,
      initiator: options.initiator,
      heartbeatSeconds: options.config.operations.heartbeatSeconds,
    });
    if ('skipped' in claimed) {
      progress.report('skipped', claimed.skipped);
      return { ...base, status: 'skipped', reason: claimed.skipped };
    }
    const environment = claimed.claim.environment;
    const already = await releaseIfCurrent(claimed.claim, run.toVersion);
    if (already) {
      progress.report('skipped', already);
      return { ...base, status: 'skipped', reason: already };
    }
    const fillsCache = !cache.filler;
    cache.filler = true;
    if (!fillsCache) await cacheReady;
    const started = Date.now();
    const detail = {
      fleet: 'plan',
      runId: run.runId,
      toVersion: run.toVersion,
    };
    let workDir: string | undefined;
    try {
      const credentials = await credentialsFor(options, environment);
      workDir = run.workDir(environment, !credentials);
      if (
        environment.state === 'ready' &&
        options.config.mode === 'apply' &&
        !credentials
      ) {
        // Without them the plan would run against an empty local state and
        // show the whole stack as additions: a "safe" verdict that is false.
        throw new Error(
          `${environment.name} is applied in AWS, but the fleet was given no terraform credentials (terraformEnv); configure AWS access for account ${environment.accountId} and plan again`,
        );
      }
      const result = await provisionEnvironment({
        spec: storedSpec(environment.spec, options.config, run.toVersion),
        // No credentials: the plan-mode provider (as upgradeEnvironment).
        config: credentials
          ? options.config
          : { ...options.config, mode: 'plan' },
        workDir,
        log: progress.log,
        signal: options.signal,
        onPhase: phase => {
          if (fillsCache && phase === 'plan') cache.filled();
          progress.onPhase(phase);
        },
        ...(credentials ? { apply: { env: credentials } } : {}),
        holdApply: () => FLEET_PLAN_ONLY,
      });
      const planSummary = result.planSummary!;
      describeDiff(planSummary).forEach(progress.log);
      const held = holdUpgrade(planSummary, false);
      const status = held ? 'destructive' : 'safe';
      // The plan goes to the audit trail and the run's result, not onto the
      // record: the card's plan and guardrails describe what the
      // environment runs, and this one was never applied.
      await claimed.claim.finish('succeeded', {
        ...detail,
        status,
        planSummary,
        guardrailsPassed: result.planGuardrails?.passed,
      });
      progress.report(status, held);
      return {
        ...base,
        status,
        planSummary,
        guardrails: result.planGuardrails,
        ...(held ? { reason: held } : {}),
        seconds: (Date.now() - started) / 1000,
      };
    } catch (error) {
      const refused = error instanceof GuardrailViolationError;
      const guardrails = refused
        ? toGuardrailReportJson(error.report)
        : undefined;
      const message = errorMessage(error);
      await claimed.claim
        .finish(
          'failed',
          {
            ...detail,
            status: refused ? 'refused' : 'failed',
            ...(guardrails ? { guardrailsPassed: false } : {}),
          },
          {},
          message,
        )
        .catch(() => {});
      progress.report(refused ? 'refused' : 'failed', message);
      return {
        ...base,
        status: refused ? 'refused' : 'failed',
        ...(guardrails ? { guardrails } : {}),
        error: message,
        seconds: (Date.now() - started) / 1000,
      };
    } finally {
      if (fillsCache) cache.filled();
      if (workDir) removeScratch(workDir, options.config);
    }
  }

  return {
    runId: run.runId,
    toVersion: run.toVersion,
    startedAt,
    finishedAt: new Date().toISOString(),
    concurrency: run.concurrency,
    current: current.map(refOf),
    environments: behind.map(
      (environment, i) =>
        planned.get(i) ?? {
          ...refOf(environment),
          toVersion: run.toVersion,
          status: 'skipped' as const,
          reason: 'not planned: the fleet plan was cancelled',
        },
    ),
  };
}

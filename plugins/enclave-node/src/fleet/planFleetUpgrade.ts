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
import { claimEnvironment } from './claim';
import {
  credentialsFor,
  errorMessage,
  FleetRunOptions,
  phaseReporter,
  refOf,
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
  // file"). The first environment fills it alone (its init); the others start
  // once it plans, and find the provider already cached.
  let cacheFilled!: () => void;
  const cacheReady = new Promise<void>(r => (cacheFilled = r));

  const planned = await runBounded(
    behind,
    run.concurrency,
    async (environment, index) => {
      if (index > 0) await cacheReady;
      try {
        return await planOne(environment, phase => {
          if (index === 0 && phase === 'plan') cacheFilled();
        });
      } finally {
        if (index === 0) cacheFilled();
      }
    },
    () => Boolean(options.signal?.aborted),
  );

  async function planOne(
    environment: EnvironmentRecord,
    onPhase: (phase: string) => void,
  ): Promise<FleetEnvironmentPlan> {
    const base = { ...refOf(environment), toVersion: run.toVersion };
    const progress = phaseReporter(options, environment, 'plan');
    const claimed = await claimEnvironment(options.registry, environment, {
      taskId: run.taskId,
      initiator: options.initiator,
      heartbeatSeconds: options.config.operations.heartbeatSeconds,
    });
    if ('skipped' in claimed) {
      progress.report('skipped', claimed.skipped);
      return { ...base, status: 'skipped', reason: claimed.skipped };
    }
    const started = Date.now();
    const detail = {
      fleet: 'plan',
      runId: run.runId,
      toVersion: run.toVersion,
    };
    try {
      const credentials = await credentialsFor(options, environment);
      const result = await provisionEnvironment({
        spec: storedSpec(environment.spec, options.config, run.toVersion),
        // No credentials: the plan-mode provider (as upgradeEnvironment).
        config: credentials
          ? options.config
          : { ...options.config, mode: 'plan' },
        workDir: run.workDir(environment),
        log: progress.log,
        signal: options.signal,
        onPhase: phase => {
          onPhase(phase);
          progress.onPhase(phase);
        },
        ...(credentials ? { apply: { env: credentials } } : {}),
        holdApply: () => FLEET_PLAN_ONLY,
      });
      const planSummary = result.planSummary!;
      describeDiff(planSummary).forEach(progress.log);
      const held = holdUpgrade(planSummary, false);
      const status = held ? 'destructive' : 'safe';
      await claimed.claim.finish(
        'succeeded',
        { ...detail, status, planSummary },
        { planSummary, guardrails: result.planGuardrails },
      );
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
          { ...detail, status: refused ? 'refused' : 'failed' },
          guardrails ? { guardrails } : {},
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

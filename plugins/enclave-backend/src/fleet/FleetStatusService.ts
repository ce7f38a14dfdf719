/*
 * GET /fleet: every live environment with its version against the
 * platform's (`dataEnclave.stackVersion`), whether another task holds it,
 * its last fleet plan and guardrail verdict, and the newest fleet runs.
 */
import {
  DataEnclaveConfig,
  EnvironmentRecord,
  FleetEnvironmentLastPlan,
  FleetEnvironmentStatus,
  FleetRunRecord,
  FleetStatusResponse,
} from '@data-enclave/plugin-enclave-common';
import type { EnvironmentRegistry } from '../service/EnvironmentRegistry';
import type { FleetRunStore } from './FleetRunStore';

export class FleetStatusService {
  constructor(
    private readonly deps: {
      config: DataEnclaveConfig;
      registry: Pick<EnvironmentRegistry, 'list'>;
      runs: Pick<FleetRunStore, 'latest' | 'listActive'>;
    },
  ) {}

  async getStatus(): Promise<FleetStatusResponse> {
    const { config, registry, runs } = this.deps;
    const [environments, latestPlan, latestRollout, active] = await Promise.all(
      [
        registry.list(),
        runs.latest('plan'),
        runs.latest('rollout'),
        runs.listActive(),
      ],
    );
    const rows = environments.map(e =>
      environmentStatus(e, config.stackVersion, latestPlan),
    );
    const behind = rows.filter(r => r.behind).length;
    return {
      targetVersion: config.stackVersion,
      behind,
      current: rows.length - behind,
      environments: rows,
      ...(latestPlan ? { latestPlan } : {}),
      ...(latestRollout ? { latestRollout } : {}),
      ...(active[0] ? { activeRun: active[0] } : {}),
    };
  }
}

function environmentStatus(
  environment: EnvironmentRecord,
  targetVersion: string,
  latestPlan: FleetRunRecord | undefined,
): FleetEnvironmentStatus {
  const operation = environment.currentOperation;
  const lastPlan = lastPlanOf(environment.id, latestPlan);
  return {
    environmentId: environment.id,
    name: environment.name,
    team: environment.team,
    region: environment.region,
    state: environment.state,
    stackVersion: environment.stackVersion,
    behind: environment.stackVersion !== targetVersion,
    ...(operation
      ? { busy: { kind: operation.kind, initiator: operation.initiator } }
      : {}),
    ...(lastPlan ? { lastPlan } : {}),
    ...(environment.guardrails
      ? { guardrailsPassed: environment.guardrails.passed }
      : {}),
  };
}

/** The environment's entry in the newest fleet plan, if it was in it. */
function lastPlanOf(
  environmentId: string,
  run: FleetRunRecord | undefined,
): FleetEnvironmentLastPlan | undefined {
  const entry = run?.plan?.environments.find(
    e => e.environmentId === environmentId,
  );
  if (!run || !entry) return undefined;
  return {
    runId: run.id,
    toVersion: entry.toVersion,
    status: entry.status,
    plannedAt: run.finishedAt ?? run.plan!.finishedAt,
    ...(entry.planSummary ? { planSummary: entry.planSummary } : {}),
    ...(entry.guardrails
      ? { guardrails: { passed: entry.guardrails.passed } }
      : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.error ? { error: entry.error } : {}),
  };
}

/*
 * What the Fleet view's two buttons may do right now, decided from the fleet
 * status alone so the rules are tested without rendering. The backend checks
 * the same conditions again (409/400), so these only spare people a refusal.
 */
import {
  ACTIVE_FLEET_RUN_STATUSES,
  type FleetRunRecord,
  type FleetStatusResponse,
} from '@data-enclave/plugin-enclave-common';

export function isActiveRun(run: FleetRunRecord | undefined): boolean {
  return !!run && ACTIVE_FLEET_RUN_STATUSES.includes(run.status);
}

export interface Readiness {
  enabled: boolean;
  /** Why the button is disabled, in words for the person. */
  reason?: string;
}

export function planReadiness(
  fleet: FleetStatusResponse,
  activeRun: FleetRunRecord | undefined,
): Readiness {
  if (activeRun) {
    return { enabled: false, reason: `A fleet ${activeRun.kind} is running.` };
  }
  if (fleet.behind === 0) {
    return {
      enabled: false,
      reason: `Every environment is at ${fleet.targetVersion}.`,
    };
  }
  return { enabled: true };
}

export interface RolloutReadiness extends Readiness {
  planRunId?: string;
  /** Environments the rollout upgrades automatically. */
  safe: number;
  /** Destructive plans: they wait for per-environment approval. */
  held: number;
  /** Refused, failed or skipped at plan time: not part of the rollout. */
  excluded: number;
}

export function rolloutReadiness(
  fleet: FleetStatusResponse,
  activeRun: FleetRunRecord | undefined,
): RolloutReadiness {
  const plan = fleet.latestPlan;
  const entries = plan?.plan?.environments ?? [];
  const count = (...statuses: string[]) =>
    entries.filter(e => statuses.includes(e.status)).length;
  const counts = {
    planRunId: plan?.id,
    safe: count('safe'),
    held: count('destructive'),
    excluded: count('refused', 'failed', 'skipped'),
  };
  const disabled = (reason: string) => ({
    ...counts,
    enabled: false,
    reason,
  });
  if (activeRun) return disabled(`A fleet ${activeRun.kind} is running.`);
  if (!plan) return disabled('Plan the fleet first.');
  if (plan.status !== 'succeeded') {
    return disabled(`The last fleet plan ${plan.status}; plan again.`);
  }
  if (plan.toVersion !== fleet.targetVersion) {
    return disabled(
      `The last fleet plan targets ${plan.toVersion}, the platform is at ${fleet.targetVersion}; plan again.`,
    );
  }
  const rollout = fleet.latestRollout;
  if (rollout?.planRunId === plan.id && rollout.status === 'succeeded') {
    return disabled('This plan is rolled out; plan again for what is behind.');
  }
  if (counts.safe === 0) {
    return disabled('The last fleet plan has no safe upgrade.');
  }
  return { ...counts, enabled: true };
}

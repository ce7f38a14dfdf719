/*
 * The fleet rollout's results, shared by the library that produces them
 * (enclave-node planFleetUpgrade / applyFleetUpgrade), the backend that runs
 * and stores them (enclave-backend fleet runs) and the Fleet view that shows
 * them (enclave). Defined here once so the three never drift apart.
 */
import type { GuardrailReportJson, PlanSummary } from '../registry';

/**
 * Plan outcome of one environment.
 * @public
 */
export type FleetPlanStatus =
  /** Nothing destroyed: rolled out automatically. */
  | 'safe'
  /** The plan destroys or replaces something: per-environment approval. */
  | 'destructive'
  /** Guardrails refused the stack or the plan. */
  | 'refused'
  /** Synth, init or plan failed. */
  | 'failed'
  /** Busy with another operation, or in a state an upgrade cannot start from. */
  | 'skipped';

/** @public */
export interface FleetEnvironmentRef {
  environmentId: string;
  name: string;
  team: string;
  fromVersion: string;
}

/** @public */
export interface FleetEnvironmentPlan extends FleetEnvironmentRef {
  toVersion: string;
  status: FleetPlanStatus;
  planSummary?: PlanSummary;
  guardrails?: GuardrailReportJson;
  /** Why it was skipped, held or refused, in words for the person. */
  reason?: string;
  error?: string;
  seconds?: number;
}

/** @public */
export interface FleetPlan {
  runId: string;
  toVersion: string;
  startedAt: string;
  finishedAt: string;
  concurrency: number;
  /** Environments already at `toVersion` (nothing to do). */
  current: FleetEnvironmentRef[];
  /** One entry per environment behind `toVersion`. */
  environments: FleetEnvironmentPlan[];
}

/** @public */
export type FleetRolloutStatus =
  /** Applied (apply mode), or a never-applied record moved to the new version. */
  | 'upgraded'
  /** Destructive (at plan time or on the rollout's re-plan): waits for approval. */
  | 'held'
  | 'failed'
  /** Not started because an earlier wave failed. */
  | 'not-started'
  /** Busy, refused or failed at plan time: not part of the rollout. */
  | 'skipped';

/** @public */
export interface FleetEnvironmentRollout extends FleetEnvironmentRef {
  toVersion: string;
  status: FleetRolloutStatus;
  /** 0 = canary wave, 1 = the rest. */
  wave?: number;
  applied?: boolean;
  planSummary?: PlanSummary;
  reason?: string;
  error?: string;
}

/** @public */
export interface FleetRollout {
  runId: string;
  toVersion: string;
  startedAt: string;
  finishedAt: string;
  /** Environment ids per wave, in order. */
  waves: string[][];
  /** The first failure, which stopped the rollout. */
  stoppedBy?: { environmentId: string; name: string; error: string };
  environments: FleetEnvironmentRollout[];
}

/**
 * Progress of one environment, for a live view or the CLI's stderr.
 * @public
 */
export interface FleetProgress {
  environmentId: string;
  name: string;
  step: 'plan' | 'apply';
  /** A pipeline phase (synth, init, plan, apply…) or the outcome. */
  phase: string;
  message?: string;
}

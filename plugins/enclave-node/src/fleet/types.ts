/*
 * What the fleet rollout needs from the enclave registry, and what it reports.
 * The registry access is a small interface so the rollout runs (and is
 * tested) without Backstage: EnclaveClient (enclave-common) satisfies it over
 * HTTP, InMemoryFleetRegistry serves a directory of specs for pipelines, and
 * the enclave-backend registry can implement it in-process.
 */
import type {
  EnvironmentRecord,
  FinishOperationRequest,
  GuardrailReportJson,
  PlanSummary,
  StartOperationRequest,
  StartOperationResponse,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';

export interface FleetRegistry {
  listEnvironments(): Promise<EnvironmentRecord[]>;
  /**
   * The registry's compare-and-set claim: throws (409 / ConflictError) while
   * another task holds the environment. The fleet never works on an
   * environment it has not claimed.
   */
  startOperation(
    id: string,
    request: StartOperationRequest,
  ): Promise<StartOperationResponse>;
  heartbeatOperation(id: string, taskId: string): Promise<void>;
  /** Closes the claim; the operation record is the environment's audit trail. */
  finishOperation(
    id: string,
    request: FinishOperationRequest,
  ): Promise<EnvironmentRecord>;
  /** Phase updates while a step runs, so the environment's card shows progress. */
  updateEnvironment(
    id: string,
    request: UpdateEnvironmentRequest,
  ): Promise<EnvironmentRecord>;
}

/** Plan outcome of one environment. */
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

export interface FleetEnvironmentRef {
  environmentId: string;
  name: string;
  team: string;
  fromVersion: string;
}

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

/** Progress of one environment, for a live view or the CLI's stderr. */
export interface FleetProgress {
  environmentId: string;
  name: string;
  step: 'plan' | 'apply';
  /** A pipeline phase (synth, init, plan, apply…) or the outcome. */
  phase: string;
  message?: string;
}

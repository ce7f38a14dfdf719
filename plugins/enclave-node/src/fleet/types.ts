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

// The results' shapes live in enclave-common, beside the backend's fleet
// routes and the Fleet view that read them.
export type {
  FleetPlanStatus,
  FleetEnvironmentRef,
  FleetEnvironmentPlan,
  FleetPlan,
  FleetRolloutStatus,
  FleetEnvironmentRollout,
  FleetRollout,
  FleetProgress,
} from '@data-enclave/plugin-enclave-common';

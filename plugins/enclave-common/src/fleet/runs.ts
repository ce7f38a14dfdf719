/*
 * The backend's fleet routes: what they accept and answer. A fleet run (a
 * plan of every environment behind the stack version, or the rollout of a
 * plan) is queued by a route, executed by the backend's fleet worker (never
 * inside the request) and stored, so its progress and result survive the
 * request, a page reload and a backend restart.
 */
import { z } from 'zod';
import type {
  EnvironmentState,
  GuardrailReportJson,
  PlanSummary,
} from '../registry';
import type {
  FleetPlan,
  FleetPlanStatus,
  FleetProgress,
  FleetRollout,
} from './types';

/** @public */
export const FLEET_RUN_KINDS = ['plan', 'rollout'] as const;
/** @public */
export type FleetRunKind = (typeof FLEET_RUN_KINDS)[number];

/**
 * `interrupted`: the backend that ran it stopped (shutdown, crash) before it
 * finished; the result holds what had finished, and the claims it held are
 * released. Start it again.
 * @public
 */
export const FLEET_RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'interrupted',
] as const;
/** @public */
export type FleetRunStatus = (typeof FLEET_RUN_STATUSES)[number];

/** Statuses in which a run still holds (or will take) the fleet. @public */
export const ACTIVE_FLEET_RUN_STATUSES: readonly FleetRunStatus[] = [
  'queued',
  'running',
];

/** One environment's latest progress in a run. @public */
export type FleetRunProgress = FleetProgress & { at: string };

/** @public */
export interface FleetRunRecord {
  id: string;
  kind: FleetRunKind;
  status: FleetRunStatus;
  toVersion: string;
  /** The user who started it (entity ref). */
  initiator: string;
  /** For a rollout: the plan run it rolls out. */
  planRunId?: string;
  canarySize?: number;
  createdAt: string;
  startedAt?: string;
  heartbeatAt?: string;
  finishedAt?: string;
  /** Latest progress per environment id, while it runs and after. */
  progress: Record<string, FleetRunProgress>;
  /** The finished (or, when interrupted, partial) result. */
  plan?: FleetPlan;
  rollout?: FleetRollout;
  error?: string;
}

/** The last fleet plan of one environment, as the Fleet view shows it. @public */
export interface FleetEnvironmentLastPlan {
  runId: string;
  toVersion: string;
  status: FleetPlanStatus;
  plannedAt: string;
  planSummary?: PlanSummary;
  guardrails?: Pick<GuardrailReportJson, 'passed'>;
  reason?: string;
  error?: string;
}

/** One row of the Fleet view. @public */
export interface FleetEnvironmentStatus {
  environmentId: string;
  name: string;
  team: string;
  region: string;
  state: EnvironmentState;
  stackVersion: string;
  /** stackVersion differs from the platform's `dataEnclave.stackVersion`. */
  behind: boolean;
  /** Another task holds it (the fleet skips it). */
  busy?: { kind: string; initiator: string };
  lastPlan?: FleetEnvironmentLastPlan;
  /** Guardrail verdict of its last plan (any plan, not only the fleet's). */
  guardrailsPassed?: boolean;
}

/** GET /fleet. @public */
export interface FleetStatusResponse {
  /** `dataEnclave.stackVersion`: what "behind" is measured against. */
  targetVersion: string;
  behind: number;
  current: number;
  environments: FleetEnvironmentStatus[];
  /** The newest plan and rollout runs, and the one queued or running. */
  latestPlan?: FleetRunRecord;
  latestRollout?: FleetRunRecord;
  activeRun?: FleetRunRecord;
}

/** POST /fleet/plans: plans every environment behind the platform's version. @public */
export const startFleetPlanRequestSchema = z
  .object({
    /** Environments planned at once; default `dataEnclave.fleet.concurrency`. */
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();
/** @public */
export type StartFleetPlanRequest = z.input<typeof startFleetPlanRequestSchema>;

/** POST /fleet/rollouts: rolls out the safe environments of a finished plan. @public */
export const startFleetRolloutRequestSchema = z
  .object({
    planRunId: z.string().uuid(),
    /** Environments in the canary wave; default `dataEnclave.fleet.canarySize`. */
    canarySize: z.number().int().min(1).max(100).optional(),
  })
  .strict();
/** @public */
export type StartFleetRolloutRequest = z.input<
  typeof startFleetRolloutRequestSchema
>;

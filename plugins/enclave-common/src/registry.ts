/*
 * The registry's wire types: what the enclave-backend API returns and accepts,
 * what the scaffolder actions send, and what the entity card renders. Plain JSON
 * so that it crosses HTTP unchanged.
 */
import type { SessionLockdown } from './sessionLockdown';
import { z } from 'zod';

export const ENVIRONMENT_STATES = [
  'planned',
  'provisioning',
  'ready',
  'failed',
  'updating',
  'destroying',
  'destroyed',
] as const;
export type EnvironmentState = (typeof ENVIRONMENT_STATES)[number];

/**
 * States in which exactly one task is changing the environment. Defined once:
 * the store's compare-and-set, the actions, the reconciler and the card all
 * import this list.
 */
export const BUSY_STATES = ['provisioning', 'updating', 'destroying'] as const;
export type BusyState = (typeof BUSY_STATES)[number];

export function isBusyState(state: string): state is BusyState {
  return (BUSY_STATES as readonly string[]).includes(state);
}

export const OPERATION_KINDS = [
  'provision',
  'add-user',
  'remove-user',
  'upgrade',
  'destroy',
  'reveal-credential',
  'drift-check',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_RESULTS = ['running', 'succeeded', 'failed'] as const;
export type OperationResult = (typeof OPERATION_RESULTS)[number];

/** `terraform plan` counts plus the addresses that change. */
export const planSummarySchema = z.object({
  add: z.number().int().nonnegative(),
  change: z.number().int().nonnegative(),
  destroy: z.number().int().nonnegative(),
  /** Addresses by action, for upgrade diffs. */
  addresses: z
    .object({
      add: z.array(z.string()).default([]),
      change: z.array(z.string()).default([]),
      destroy: z.array(z.string()).default([]),
    })
    .partial()
    .optional(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** Serializable form of a guardrail report (see enclave-node's guardrails). */
export const guardrailReportSchema = z.object({
  passed: z.boolean(),
  /** Where the report was computed: the synthesized JSON or the plan JSON. */
  source: z.enum(['synth', 'plan']).optional(),
  rules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rationale: z.string(),
      passed: z.boolean(),
      relaxations: z.array(z.string()).default([]),
      findings: z
        .array(
          z.object({
            address: z.string(),
            message: z.string(),
            fix: z.string().optional(),
          }),
        )
        .default([]),
      /** Shown but tolerated, with why (G12 "not configured", plan mode only). */
      allowedFindings: z
        .array(
          z.object({
            address: z.string(),
            message: z.string(),
            fix: z.string().optional(),
            allowedBecause: z.string(),
          }),
        )
        .optional(),
      /** What the rule established (G12: the bundle in use and its lock-down). */
      facts: z.array(z.string()).optional(),
    }),
  ),
});
export type GuardrailReportJson = z.infer<typeof guardrailReportSchema>;

/** Stack outputs the catalog and card need (ids only: never secrets). */
export const environmentOutputsSchema = z
  .object({
    vpcId: z.string(),
    subnetIds: z.array(z.string()),
    directoryId: z.string(),
    directoryDnsIps: z.array(z.string()),
    registrationCode: z.string(),
    emrClusterId: z.string(),
    emrPrimaryDns: z.string(),
    dataBucketName: z.string(),
    kmsKeyArn: z.string(),
    flowLogGroup: z.string(),
    /**
     * The stack's `emr_launch_spec` output (roles, security groups, subnet,
     * security configuration; no secrets), kept so that "Start Spark" can
     * launch the on-demand cluster without a Terraform run. Validated by
     * enclave-node's parseEmrLaunchSpec before any EMR call.
     */
    emrLaunchSpec: z.record(z.unknown()),
  })
  .partial();
export type EnvironmentOutputs = z.infer<typeof environmentOutputsSchema>;

/** One person's desktop as recorded by the provisioning step. */
export const environmentMemberSchema = z.object({
  entityRef: z.string(),
  username: z.string(),
  email: z.string().optional(),
  workspaceId: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  /** Name of the Secrets Manager secret with the initial password (not the password). */
  secretName: z.string().optional(),
  credentialDeliveredAt: z.string().optional(),
});
export type EnvironmentMember = z.infer<typeof environmentMemberSchema>;

export interface EnvironmentRecord {
  id: string;
  name: string;
  /** Owner group entity ref, e.g. `group:default/data-science`. */
  team: string;
  region: string;
  accountId: string;
  state: EnvironmentState;
  /** Why the environment is in its state (e.g. plan mode), shown on the card. */
  stateReason?: string;
  /** Current phase and progress while provisioning or updating. */
  phase?: string;
  progress?: { done: number; total: number };
  stackVersion: string;
  spec: Record<string, unknown>;
  outputs: EnvironmentOutputs;
  members: EnvironmentMember[];
  guardrails?: GuardrailReportJson;
  planSummary?: PlanSummary;
  driftSummary?: { checkedAt: string; changes: number };
  lastError?: string;
  /** The one in-flight lifecycle operation (absent when idle). */
  currentOperation?: CurrentOperation;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** Who holds the environment's operation lock, and their last sign of life. */
export interface CurrentOperation {
  id: string;
  kind: OperationKind;
  initiator: string;
  taskId?: string;
  startedAt: string;
  heartbeatAt?: string;
}

export interface OperationRecord {
  id: string;
  environmentId: string;
  kind: OperationKind;
  initiator: string;
  taskId?: string;
  startedAt: string;
  finishedAt?: string;
  result: OperationResult;
  error?: string;
  detail?: Record<string, unknown>;
  heartbeatAt?: string;
  /** Lifecycle operations: the state they started from. */
  fromState?: EnvironmentState;
  /** Lifecycle operations: where the environment goes if they fail or their task dies. */
  releaseState?: EnvironmentState;
}

/** POST /environments (actions only). */
export const createEnvironmentRequestSchema = z.object({
  name: z.string().min(1),
  team: z.string().min(1),
  region: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/),
  stackVersion: z.string().min(1),
  spec: z.record(z.unknown()),
  state: z.enum(ENVIRONMENT_STATES).default('provisioning'),
  stateReason: z.string().optional(),
  members: z.array(environmentMemberSchema).default([]),
  initiator: z.string().min(1),
  taskId: z.string().optional(),
});
export type CreateEnvironmentRequest = z.input<
  typeof createEnvironmentRequestSchema
>;

/** PATCH /environments/:id/state (actions only). */
export const updateEnvironmentRequestSchema = z.object({
  state: z.enum(ENVIRONMENT_STATES).optional(),
  stateReason: z.string().nullable().optional(),
  phase: z.string().nullable().optional(),
  progress: z
    .object({
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    })
    .nullable()
    .optional(),
  stackVersion: z.string().optional(),
  spec: z.record(z.unknown()).optional(),
  outputs: environmentOutputsSchema.optional(),
  members: z.array(environmentMemberSchema).optional(),
  guardrails: guardrailReportSchema.optional(),
  planSummary: planSummarySchema.optional(),
  driftSummary: z
    .object({ checkedAt: z.string(), changes: z.number().int() })
    .optional(),
  lastError: z.string().nullable().optional(),
  /** Records/closes an operation in the audit trail along with the change. */
  operation: z
    .object({
      id: z.string().optional(),
      kind: z.enum(OPERATION_KINDS),
      initiator: z.string().min(1),
      taskId: z.string().optional(),
      result: z.enum(OPERATION_RESULTS),
      error: z.string().optional(),
      detail: z.record(z.unknown()).optional(),
    })
    .optional(),
});
export type UpdateEnvironmentRequest = z.input<
  typeof updateEnvironmentRequestSchema
>;

/**
 * POST /environments/:id/operations (actions only): compare-and-set under the
 * row lock. Succeeds only when the environment is idle and in one of
 * `allowedStates`, or when `taskId` already holds it (a resumed task).
 */
export const startOperationRequestSchema = z.object({
  kind: z.enum(OPERATION_KINDS),
  initiator: z.string().min(1),
  /** The scaffolder task running the operation (the reconciler asks about it). */
  taskId: z.string().min(1),
  busyState: z.enum(BUSY_STATES),
  allowedStates: z.array(z.enum(ENVIRONMENT_STATES)).min(1),
  /** Where the environment goes if the operation fails or is released. Default: its current state. */
  releaseState: z.enum(ENVIRONMENT_STATES).optional(),
  /** Applied in the same transaction (e.g. the new spec of a re-provision). */
  change: z
    .object({
      spec: z.record(z.unknown()).optional(),
      stackVersion: z.string().optional(),
    })
    .optional(),
});
export type StartOperationRequest = z.input<typeof startOperationRequestSchema>;

export interface StartOperationResponse {
  environment: EnvironmentRecord;
  operation: OperationRecord;
  /** True when this task already held the operation (resumed after a restart). */
  resumed: boolean;
}

/** POST /environments/:id/operations/current/heartbeat (actions only). */
export const heartbeatRequestSchema = z.object({ taskId: z.string().min(1) });

/**
 * POST /environments/:id/operations/current/finish (actions only): closes the
 * task's operation and releases the environment, with `change` (e.g. its new
 * state) applied in the same transaction. Without `change.state` the
 * environment returns to the operation's release state.
 */
export const finishOperationRequestSchema = z.object({
  taskId: z.string().min(1),
  result: z.enum(['succeeded', 'failed']),
  error: z.string().optional(),
  detail: z.record(z.unknown()).optional(),
  change: updateEnvironmentRequestSchema.omit({ operation: true }).optional(),
});
export type FinishOperationRequest = z.input<
  typeof finishOperationRequestSchema
>;

/** Live AWS status, as served by GET /environments/:id/status. */
export interface EnvironmentLiveStatus {
  fetchedAt: string;
  /** True when the environment was never applied (plan mode): no AWS call was made. */
  planned: boolean;
  /** Why there is no live data (plan mode, not applied yet, destroyed). */
  reason?: string;
  emr?: {
    /** Absent while no cluster runs: EMR is started on demand (state NONE). */
    clusterId?: string;
    state: string;
    primaryDns?: string;
    stateReason?: string;
    /** This section failed on its own; the others may still be live. */
    error?: string;
  };
  directory?: {
    directoryId: string;
    stage: string;
    stageReason?: string;
    error?: string;
  };
  /** Desktops per WorkSpaces state, e.g. { AVAILABLE: 7, PENDING: 5 }. */
  desktopCounts?: Record<string, number>;
  workspaces: Array<{
    username: string;
    workspaceId: string;
    state: string;
    computeType?: string;
    runningMode?: string;
    ipAddress?: string;
    errorCode?: string;
    errorMessage?: string;
    /** G12: the desktop's bundle, checked against approvedBundles on every read. */
    bundle?: DesktopBundleStatus;
  }>;
  error?: string;
}

/** A desktop's bundle as the status API reports it (see sessionLockdown.ts). */
export interface DesktopBundleStatus {
  bundleId: string;
  name?: string;
  approved: boolean;
  /** Why it is not approved, or could not be checked. */
  problem?: string;
  /** The approved entry's lock-down; absent when not approved. */
  lockDown?: SessionLockdown;
}

/*
 * The `dataEnclave:` section of app-config, validated once at startup by the
 * backend and by the scaffolder module. `config.d.ts` in enclave-backend carries
 * the same keys with @visibility for Backstage's own config schema tooling.
 */
import { z } from 'zod';
import { workspacesConfigSchema } from './sessionLockdown';

export const ENCLAVE_MODES = ['plan', 'apply'] as const;
export type EnclaveMode = (typeof ENCLAVE_MODES)[number];

const regionId = z
  .string()
  .regex(
    /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
    'must look like an AWS region, e.g. eu-west-1',
  );

export const terraformBackendSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('local'),
    /**
     * Apply mode refuses local state (it lives on one pod's disk and is lost
     * with it) unless this is true: for a single-machine evaluation only.
     */
    allowLocalState: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('s3'),
    bucket: z.string().min(3),
    region: regionId,
    /** State objects are written as `<keyPrefix>/<team>/<name>.tfstate`. */
    keyPrefix: z.string().default('data-enclave'),
    kmsKeyId: z.string().min(1),
  }),
]);
export type TerraformBackendConfig = z.infer<typeof terraformBackendSchema>;

export const accountConfigSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  /** Regions this account serves; the first matching entry wins. */
  regions: z.array(regionId).min(1),
  /** Role that Terraform and the SDK assume in the account (optional). */
  roleArn: z.string().startsWith('arn:aws').optional(),
  /** IAM role allowed to administer data buckets (G4's documented exception). */
  platformAdminRoleArn: z.string().startsWith('arn:aws').optional(),
});
export type AccountConfig = z.infer<typeof accountConfigSchema>;

export const guardrailsConfigSchema = z.object({
  /** Extra domains the DNS firewall allows (G5). Each is shown as a relaxation in reports. */
  allowedExtraDomains: z.array(z.string().min(1)).default([]),
  /** Allow `0.0.0.0/0` among the WorkSpaces client CIDRs (G7). Off by default. */
  allowAnyClientCidr: z.boolean().default(false),
  /**
   * Resource types allowed beyond G11's closed-world allow-list, after a
   * security review. Each is shown as a relaxation in reports.
   */
  allowedExtraResourceTypes: z
    .array(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9]*_[a-z0-9_]+$/,
          'must be a Terraform resource type such as aws_sns_topic',
        ),
    )
    .default([]),
  /**
   * AWS Organizations id (`o-…`). When set, the endpoint policies' resource
   * perimeter (G3) is `aws:ResourceOrgID` = this organization instead of
   * `aws:ResourceAccount` = the environment account, so desktops and EMR may
   * reach resources of other accounts of the organization (a shared key, a
   * central log bucket). Shown as a relaxation of G3. Default unset (account).
   * Pattern from the Organizations API model (OrganizationId).
   */
  organizationId: z
    .string()
    .regex(
      /^o-[a-z0-9]{10,32}$/,
      'must be an AWS Organizations id like o-a1b2c3d4e5',
    )
    .optional(),
});
export type GuardrailsConfig = z.infer<typeof guardrailsConfigSchema>;

/** `{ hours: 6 }`-style duration (Backstage's HumanDuration subset) or an ISO 8601 duration. */
const durationSchema = z.union([
  z
    .string()
    .regex(
      /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
      'must be an ISO 8601 duration like PT6H, or an object like { hours: 6 }',
    ),
  z
    .object({
      days: z.number().int().nonnegative().optional(),
      hours: z.number().int().nonnegative().optional(),
      minutes: z.number().int().nonnegative().optional(),
      seconds: z.number().int().nonnegative().optional(),
    })
    .strict()
    .refine(d => Object.values(d).some(v => v && v > 0), {
      message: 'must be longer than zero, e.g. { hours: 6 }',
    }),
]);

export const driftConfigSchema = z.object({
  /**
   * Run scheduled drift checks. Default: on in apply mode, off in plan mode
   * (a planned environment has no state to drift from).
   */
  enabled: z.boolean().optional(),
  /** How often each ready environment is checked (default every 6 hours). */
  interval: durationSchema.default({ hours: 6 }),
});
export type DriftConfig = z.infer<typeof driftConfigSchema>;

/** A config duration (ISO 8601 or `{ hours: 6 }`) as Backstage's HumanDuration shape. */
export function toHumanDuration(interval: z.infer<typeof durationSchema>): {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
} {
  if (typeof interval !== 'string') return interval;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    interval,
  )!;
  const [days, hours, minutes, seconds] = m.slice(1).map(v => Number(v ?? 0));
  return Object.fromEntries(
    Object.entries({ days, hours, minutes, seconds }).filter(([, v]) => v > 0),
  );
}

/**
 * Lifecycle operations: how often a running task reports it is alive, when a
 * silent one counts as dead, and how often the reconciler looks.
 */
export const operationsConfigSchema = z.object({
  heartbeatSeconds: z.number().int().positive().default(15),
  /** A running operation with no heartbeat for this long is released (if its task is not alive). */
  staleAfterSeconds: z.number().int().positive().default(300),
  /** How often the reconciler runs (once across replicas). */
  reconcileInterval: durationSchema.default({ minutes: 1 }),
});
export type OperationsConfig = z.infer<typeof operationsConfigSchema>;

/**
 * Fleet rollout (admins): how many environments are planned or upgraded at
 * once and how big the canary wave is.
 */
export const fleetConfigSchema = z.object({
  /** Environments planned or applied at once; default one per CPU core of the backend. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** Environments in the rollout's first (canary) wave. */
  canarySize: z.number().int().min(1).max(100).default(1),
});
export type FleetConfig = z.infer<typeof fleetConfigSchema>;

export const dataEnclaveConfigSchema = z.object({
  /** `plan` runs everything up to and including `terraform plan`; `apply` provisions. */
  mode: z.enum(ENCLAVE_MODES).default('plan'),
  allowedRegions: z.array(regionId).min(1).default(['eu-west-1', 'us-east-1']),
  /** Account used to plan when no account is configured for a region (plan mode only). */
  planAccountId: z
    .string()
    .regex(/^\d{12}$/)
    .default('123456789012'),
  accounts: z.array(accountConfigSchema).default([]),
  stackVersion: z.string().min(1).default('1.0.0'),
  terraform: z
    .object({
      binary: z.string().min(1).default('terraform'),
      /** Root folder for per-environment working dirs and local state. */
      workDir: z.string().min(1).default('.enclave/work'),
      /** Provider plugin cache shared by every environment. */
      pluginCacheDir: z.string().min(1).default('.enclave/plugin-cache'),
      /** Optional filesystem mirror for providers (offline installs). */
      providerMirror: z.string().min(1).optional(),
      backend: terraformBackendSchema.default({ type: 'local' }),
      timeouts: z
        .object({
          initSeconds: z.number().int().positive().default(600),
          planSeconds: z.number().int().positive().default(1800),
          applySeconds: z.number().int().positive().default(7200),
        })
        .default({}),
    })
    .default({}),
  guardrails: guardrailsConfigSchema.default({}),
  /** Desktop settings the platform owns: the hardened bundles (G12). */
  workspaces: workspacesConfigSchema.default({}),
  status: z
    .object({ cacheTtlSeconds: z.number().int().positive().default(30) })
    .default({}),
  /** Group entity ref whose members may manage every environment. */
  adminGroup: z.string().optional(),
  /** Scheduled drift checks (`terraform plan -refresh-only`) of ready environments. */
  drift: driftConfigSchema.default({}),
  /** Operation heartbeats and the reconciler that releases dead ones. */
  operations: operationsConfigSchema.default({}),
  /** Fleet rollout of a new stack version (admins, the Fleet view). */
  fleet: fleetConfigSchema.default({}),
});
export type DataEnclaveConfig = z.infer<typeof dataEnclaveConfigSchema>;

/**
 * Startup check for apply mode: Terraform state must not live on one pod's
 * disk unless the platform explicitly allows it. Thrown at backend start, so a
 * misconfigured portal never provisions anything.
 */
export function assertDurableStateBackend(config: DataEnclaveConfig): void {
  const backend = config.terraform.backend;
  if (
    config.mode === 'apply' &&
    backend.type === 'local' &&
    !backend.allowLocalState
  ) {
    throw new Error(
      "Invalid Data Enclave configuration:\ndataEnclave.terraform.backend: apply mode with the local backend keeps Terraform state on this machine's disk, where it is lost with the pod (and the AWS resources with it). Configure dataEnclave.terraform.backend as { type: s3, bucket, region, kmsKeyId }, or set dataEnclave.terraform.backend.allowLocalState: true for a single-machine evaluation.",
    );
  }
}

/**
 * Parses raw `dataEnclave` config. Errors name the config key, e.g.
 * `dataEnclave.allowedRegions.0: must look like an AWS region, e.g. eu-west-1`.
 */
export function parseDataEnclaveConfig(raw: unknown): DataEnclaveConfig {
  const result = dataEnclaveConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map(
      issue => `dataEnclave.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid Data Enclave configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

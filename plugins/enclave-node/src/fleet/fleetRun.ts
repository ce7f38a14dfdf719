/*
 * What plan and rollout share: options, the list of environments behind the
 * target version, and running one environment's step under a claim with its
 * progress reported to the caller and to the environment's card.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DataEnclaveConfig,
  EnvironmentRecord,
  fleetTaskId,
} from '@data-enclave/plugin-enclave-common';
import type { ProvisionPhase } from '../provision/provisionEnvironment';
import { environmentWorkDir } from '../lifecycle/environmentWorkDir';
import type {
  FleetEnvironmentRef,
  FleetProgress,
  FleetRegistry,
} from './types';

export interface FleetRunOptions {
  registry: FleetRegistry;
  config: DataEnclaveConfig;
  /** Target version; default `config.stackVersion` (the platform's latest). */
  toVersion?: string;
  /** Environments planned or applied at once. Default: os.availableParallelism(). */
  concurrency?: number;
  /**
   * The task that holds the claims (the registry's reconciler asks about it);
   * default `fleet:<runId>` (fleetTaskId), which the backend's reconciler
   * answers from its fleet runs instead of asking the scaffolder. The
   * backend's fleet worker passes the id of its stored run.
   */
  taskId?: string;
  /** Recorded as the operations' initiator. */
  initiator: string;
  /**
   * Where an environment's stack and local state live. Default:
   * environmentWorkDir (where provisioning put them).
   */
  workDir?: (environment: EnvironmentRecord) => string;
  /**
   * Terraform credentials for an applied environment (state `ready`); absent
   * means plan-mode credentials. Never-applied (`planned`) environments
   * always use the plan-mode provider.
   */
  terraformEnv?: (
    environment: EnvironmentRecord,
  ) => Promise<Record<string, string | undefined>>;
  onProgress?: (progress: FleetProgress) => void;
  /** Each environment's pipeline log lines. */
  log?: (line: string, environment: EnvironmentRecord) => void;
  signal?: AbortSignal;
}

export function resolveRun(options: FleetRunOptions) {
  const runId = randomUUID();
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `fleet concurrency must be a whole number ≥ 1 (got ${concurrency}); omit it to use one per CPU core`,
    );
  }
  return {
    runId,
    concurrency,
    taskId: options.taskId ?? fleetTaskId(runId),
    toVersion: options.toVersion ?? options.config.stackVersion,
    workDir: (environment: EnvironmentRecord, planOnly: boolean) =>
      options.workDir?.(environment) ??
      defaultWorkDir(options.config, runId, environment, planOnly),
  };
}

/** Under `terraform.workDir`: the fleet's plan-only scratch dirs. */
export const FLEET_SCRATCH_DIR = '.fleet-scratch';

/**
 * Where the fleet runs an environment's terraform by default: its own
 * working dir, where provisioning put its stack and state. Except a
 * plan-only run (no credentials: the plan-mode provider) while the
 * platform keeps state in S3: plan mode synthesizes a local backend, and
 * Terraform records the backend in `.terraform/` at init, so a later S3
 * init in that dir (the environment's real provisioning) would stop with
 * "Backend configuration changed" (hashicorp/terraform
 * internal/command/meta_backend.go). Such runs get a scratch dir of their
 * own, removed when the step ends (FLEET_SCRATCH_DIR).
 */
function defaultWorkDir(
  config: DataEnclaveConfig,
  runId: string,
  environment: EnvironmentRecord,
  planOnly: boolean,
): string {
  if (planOnly && config.terraform.backend.type === 's3') {
    return join(
      config.terraform.workDir,
      FLEET_SCRATCH_DIR,
      runId,
      basename(environmentWorkDir(config, environment)),
    );
  }
  return environmentWorkDir(config, environment);
}

/** Removes a scratch dir after its step; the environment's own dir stays. */
export function removeScratch(dir: string, config: DataEnclaveConfig): void {
  const scratchRoot = resolve(config.terraform.workDir, FLEET_SCRATCH_DIR);
  if (resolve(dir).startsWith(`${scratchRoot}${sep}`)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function refOf(environment: EnvironmentRecord): FleetEnvironmentRef {
  return {
    environmentId: environment.id,
    name: environment.name,
    team: environment.team,
    fromVersion: environment.stackVersion,
  };
}

/** Credentials for terraform: only applied environments get real ones. */
export async function credentialsFor(
  options: FleetRunOptions,
  environment: EnvironmentRecord,
): Promise<Record<string, string | undefined> | undefined> {
  if (environment.state !== 'ready' || !options.terraformEnv) return undefined;
  return options.terraformEnv(environment);
}

/** Phase reporting for one environment: the caller's callback and the card. */
export function phaseReporter(
  options: FleetRunOptions,
  environment: EnvironmentRecord,
  step: FleetProgress['step'],
) {
  const report = (phase: string, message?: string) =>
    options.onProgress?.({
      environmentId: environment.id,
      name: environment.name,
      step,
      phase,
      ...(message ? { message } : {}),
    });
  return {
    report,
    onPhase: (phase: ProvisionPhase) => {
      report(phase);
      // Best effort, like the upgrade action: the card's progress line.
      options.registry
        .updateEnvironment(environment.id, { phase: `fleet ${step}: ${phase}` })
        .catch(() => {});
    },
    log: (line: string) => options.log?.(line, environment),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

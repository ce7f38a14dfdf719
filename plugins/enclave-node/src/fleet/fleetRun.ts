/*
 * What plan and rollout share: options, the list of environments behind the
 * target version, and running one environment's step under a claim with its
 * progress reported to the caller and to the environment's card.
 */
import { availableParallelism } from 'node:os';
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
    workDir:
      options.workDir ??
      ((environment: EnvironmentRecord) =>
        environmentWorkDir(options.config, environment)),
  };
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

/*
 * The Terraform side of day-2 operations: re-synthesize an environment's stack
 * from its stored spec and hand back a runner for its stack directory. Destroy
 * and drift checks must describe the stack *as it was applied*, so they pass
 * the environment's own stack version; upgrades pass the platform's latest.
 */
import { mkdirSync } from 'node:fs';
import type {
  DataEnclaveConfig,
  EnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { parseEnvironmentSpec } from '@data-enclave/plugin-enclave-common';
import { generatePassword } from '../aws/passwords';
import { PLAN_MODE_AWS_ENV } from '../provision/planModeEnv';
import {
  DIRECTORY_PASSWORD_ENV,
  synthesizeEnvironment,
  synthesizeOptionsFromConfig,
} from '../stack';
import { findProviderMirror } from '../terraform/findProviderMirror';
import { TerraformRunner } from '../terraform/terraformRunner';

export interface EnvironmentTerraformOptions {
  /** The environment's stored spec (the registry record's `spec`). */
  spec: Record<string, unknown> | EnvironmentSpec;
  /** Stack version to synthesize; defaults to the spec's own. */
  stackVersion?: string;
  config: DataEnclaveConfig;
  workDir: string;
  /** Apply-mode credentials for terraform; absent means plan mode (fake credentials). */
  env?: Record<string, string | undefined>;
  log: (line: string) => void;
  signal?: AbortSignal;
  onSpawn?: (pid: number, command: string) => void;
}

export interface EnvironmentTerraform {
  spec: EnvironmentSpec;
  stackDir: string;
  runner: TerraformRunner;
}

/** Re-validates a stored spec (defaults filled in, config's CIDR policy applied). */
export function storedSpec(
  spec: Record<string, unknown> | EnvironmentSpec,
  config: DataEnclaveConfig,
  stackVersion?: string,
): EnvironmentSpec {
  return parseEnvironmentSpec(
    { ...spec, ...(stackVersion ? { stackVersion } : {}) },
    { allowAnyClientCidr: config.guardrails.allowAnyClientCidr },
  );
}

export function environmentTerraform(
  options: EnvironmentTerraformOptions,
): EnvironmentTerraform {
  const { workDir, log } = options;
  // Without credentials this is a plan-mode run even under `mode: apply` (an
  // environment that was only ever planned): synthesize the plan-mode provider.
  const config: DataEnclaveConfig = options.env
    ? options.config
    : { ...options.config, mode: 'plan' };
  const spec = storedSpec(options.spec, config, options.stackVersion);
  mkdirSync(workDir, { recursive: true });
  const { stackDir, summary } = synthesizeEnvironment(
    spec,
    workDir,
    synthesizeOptionsFromConfig(config, {
      accountId: spec.accountId,
      region: spec.region,
    }),
  );
  log(
    `Synthesized ${summary.resourceTotal} resources for ${spec.name} at stack version ${spec.stackVersion}`,
  );
  const runner = new TerraformRunner({
    binary: config.terraform.binary,
    stackDir,
    pluginCacheDir: config.terraform.pluginCacheDir,
    providerMirror: config.terraform.providerMirror ?? findProviderMirror(),
    timeouts: config.terraform.timeouts,
    env: {
      ...(options.env ?? PLAN_MODE_AWS_ENV),
      // The variable has no default, so every command needs a value. The
      // stack ignores later changes to it (lifecycle.ignore_changes), so a
      // fresh one never touches the directory.
      [DIRECTORY_PASSWORD_ENV]: generatePassword('Admin'),
    },
    log,
    signal: options.signal,
    onSpawn: options.onSpawn,
  });
  return { spec, stackDir, runner };
}

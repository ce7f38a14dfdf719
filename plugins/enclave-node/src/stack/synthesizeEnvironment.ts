/*
 * synthesizeEnvironment: spec in, `<outDir>/stacks/<name>/cdk.tf.json` out.
 * This is the only entry point the CLI, the scaffolder action and the
 * benchmark use, so cdktf stays an implementation detail of this folder.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
// First: must be evaluated before anything loads cdktf (see the file for why).
import './cdktfRuntimeTweaks';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import {
  DataEnclaveConfig,
  EnvironmentSpec,
  EnvironmentSpecInput,
  parseEnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { EnclaveStack, EnclaveStackProps } from './enclaveStack';
import { DIRECTORY_PASSWORD_VARIABLE } from './directory';

export type SynthesizeOptions = Omit<EnclaveStackProps, 'spec'>;

export interface SynthesisSummary {
  name: string;
  team: string;
  region: string;
  stackVersion: string;
  providerMode: 'plan' | 'apply';
  backend: 'local' | 's3';
  /** Resource count per Terraform resource type, sorted by type. */
  resourceCounts: Record<string, number>;
  resourceTotal: number;
  /** Data sources in the stack; always 0 by design (nothing is read from AWS at plan time). */
  dataSourceTotal: number;
  outputs: string[];
  /** Variables that must be supplied as `TF_VAR_<name>` environment variables. */
  sensitiveVariables: string[];
  /** Path of the synthesized Terraform JSON. */
  file: string;
}

export interface SynthesisResult {
  /** Directory holding cdk.tf.json: run terraform here. */
  stackDir: string;
  summary: SynthesisSummary;
  /** The validated spec, defaults filled in. */
  spec: EnvironmentSpec;
}

interface TerraformJson {
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
  output?: Record<string, unknown>;
  variable?: Record<string, { sensitive?: boolean }>;
}

/**
 * Validates `spec`, synthesizes its stack into `outDir/stacks/<name>/` and
 * summarizes what was written. Throws `EnvironmentSpecError` for a bad spec and
 * `ConstructPropsError` for bad options.
 */
export function synthesizeEnvironment(
  spec: EnvironmentSpecInput | EnvironmentSpec,
  outDir: string,
  options: SynthesizeOptions = {},
): SynthesisResult {
  const parsed = parseEnvironmentSpec(spec, {
    allowAnyClientCidr: options.guardrails?.allowAnyClientCidr,
  });
  const outdir = resolve(outDir);
  // cdktf's App creates only the last path segment; `--out out/example` on a
  // fresh checkout needs the parents too.
  mkdirSync(outdir, { recursive: true });
  // Stack traces record a JS stack for every construct: pure overhead here.
  const app = new App({ outdir, stackTraces: false });
  new EnclaveStack(app, parsed.name, { ...options, spec: parsed });
  app.synth();

  const stackDir = join(outdir, 'stacks', parsed.name);
  const file = join(stackDir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;
  return {
    stackDir,
    spec: parsed,
    summary: summarize(parsed, json, file, options),
  };
}

function summarize(
  spec: EnvironmentSpec,
  json: TerraformJson,
  file: string,
  options: SynthesizeOptions,
): SynthesisSummary {
  const resourceCounts: Record<string, number> = {};
  for (const type of Object.keys(json.resource ?? {}).sort()) {
    resourceCounts[type] = Object.keys(json.resource![type]).length;
  }
  const dataSourceTotal = Object.values(json.data ?? {}).reduce(
    (sum, byName) => sum + Object.keys(byName).length,
    0,
  );
  return {
    name: spec.name,
    team: spec.team,
    region: spec.region,
    stackVersion: spec.stackVersion,
    providerMode: options.provider?.mode ?? 'plan',
    backend: options.backend?.type ?? 'local',
    resourceCounts,
    resourceTotal: Object.values(resourceCounts).reduce((a, b) => a + b, 0),
    dataSourceTotal,
    outputs: Object.keys(json.output ?? {}).sort(),
    sensitiveVariables: Object.entries(json.variable ?? {})
      .filter(([, v]) => v.sensitive)
      .map(([name]) => name)
      .sort(),
    file,
  };
}

/**
 * Maps `dataEnclave` config to synthesis options for one environment: mode,
 * backend, guardrail relaxations and, in apply mode, the account's role.
 */
export function synthesizeOptionsFromConfig(
  config: DataEnclaveConfig,
  env: { accountId: string; region: string },
): SynthesizeOptions {
  const account = config.accounts.find(
    a => a.accountId === env.accountId && a.regions.includes(env.region),
  );
  const backend = config.terraform.backend;
  return {
    provider:
      config.mode === 'apply'
        ? { mode: 'apply', assumeRoleArn: account?.roleArn }
        : { mode: 'plan' },
    // Plan mode (a plan-mode portal, or a never-applied environment planned
    // by an apply-mode portal) runs with the plan-mode provider's fake keys.
    // The S3 backend checks its credentials at `terraform init` (unless
    // skip_credentials_validation; Terraform docs, "Backend Type: s3"), so
    // it would refuse them, and a plan of something never applied has no
    // state worth sharing: such plans keep their state locally.
    backend:
      backend.type === 's3' && config.mode === 'apply'
        ? {
            type: 's3',
            bucket: backend.bucket,
            region: backend.region,
            keyPrefix: backend.keyPrefix,
            kmsKeyId: backend.kmsKeyId,
          }
        : { type: 'local' },
    guardrails: {
      allowedExtraDomains: config.guardrails.allowedExtraDomains,
      allowAnyClientCidr: config.guardrails.allowAnyClientCidr,
      organizationId: config.guardrails.organizationId,
    },
    platformAdminRoleArns: account?.platformAdminRoleArn
      ? [account.platformAdminRoleArn]
      : [],
  };
}

/** The `TF_VAR_` environment variable that carries the directory admin password. */
export const DIRECTORY_PASSWORD_ENV = `TF_VAR_${DIRECTORY_PASSWORD_VARIABLE}`;

/*
 * The provisioning pipeline, free of Backstage: synth → guardrails → init →
 * plan → guardrails on the plan → (apply mode) apply → outputs → desktops.
 * Each phase runs inside `checkpoint`, which the scaffolder maps onto
 * `ctx.checkpoint`, so a retried task resumes after the last completed phase
 * instead of repeating AWS work. Nothing is applied unless both guardrail
 * passes are clean.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DataEnclaveConfig,
  EnvironmentSpec,
  GuardrailReportJson,
  PlanSummary,
} from '@data-enclave/plugin-enclave-common';
import {
  checkGuardrails,
  GuardrailReport,
  GuardrailViolationError,
} from '../guardrails';
import {
  DIRECTORY_PASSWORD_ENV,
  synthesizeEnvironment,
  synthesizeOptionsFromConfig,
} from '../stack';
import { findProviderMirror } from '../terraform/findProviderMirror';
import { formatPlanSummary, summarizePlan } from '../terraform/planSummary';
import { createPrivateRunDir } from '../terraform/privateRunDirs';
import { TerraformRunner } from '../terraform/terraformRunner';
import { generatePassword, redact } from '../aws/passwords';
import { PLAN_MODE_AWS_ENV, PLAN_MODE_REASON } from './planModeEnv';
import { toGuardrailReportJson } from './guardrailReportJson';
import { sessionLockdownOptions } from './bundleApproval';

export type ProvisionPhase =
  | 'synth'
  | 'guardrails'
  | 'init'
  | 'plan'
  | 'plan-guardrails'
  | 'apply'
  | 'outputs'
  | 'desktops';

/** Runs `fn` once per key across retries (ctx.checkpoint); identity by default. */
export type Checkpoint = <T extends object | string | number | boolean>(
  key: string,
  fn: () => Promise<T>,
) => Promise<T>;

export interface ProvisionEnvironmentOptions {
  spec: EnvironmentSpec;
  config: DataEnclaveConfig;
  /** Directory for this environment's stack and plan files. */
  workDir: string;
  /** Template editor dry run: synth + guardrails only, nothing written elsewhere. */
  dryRun?: boolean;
  log: (line: string) => void;
  onPhase?: (phase: ProvisionPhase) => void;
  signal?: AbortSignal;
  checkpoint?: Checkpoint;
  /** Apply mode. Absent means plan mode. `env` carries credentials for terraform. */
  apply?: {
    env: Record<string, string | undefined>;
  };
  /**
   * Supplies the directory admin password: in apply mode the existing one
   * when an earlier attempt stored it, so retries never change it. Default: a
   * fresh random password (plan mode has nothing to keep it consistent with).
   */
  directoryPassword?: () => Promise<string | undefined>;
  /** Test hook: observe spawned terraform processes. */
  onSpawn?: (pid: number, command: string) => void;
  /** Resources done / total while applying. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /**
   * Apply mode: decides after the plan (and its guardrails) whether to apply.
   * Returning a reason stops before apply and reports it (upgrades use this
   * to hold back plans that destroy resources until someone confirms them).
   */
  holdApply?: (summary: PlanSummary) => string | undefined;
}

export interface ProvisionEnvironmentResult {
  mode: 'plan' | 'apply' | 'dry-run';
  stackDir: string;
  synthGuardrails: GuardrailReportJson;
  planGuardrails?: GuardrailReportJson;
  planSummary?: PlanSummary;
  planJsonPath?: string;
  outputs?: Record<string, unknown>;
  /** Why nothing was applied (plan mode, or held back by `holdApply`). */
  reason?: string;
}

const identityCheckpoint: Checkpoint = (_key, fn) => fn();

export async function provisionEnvironment(
  options: ProvisionEnvironmentOptions,
): Promise<ProvisionEnvironmentResult> {
  const { spec, config, workDir, log, signal } = options;
  const checkpoint = options.checkpoint ?? identityCheckpoint;
  const phase = (p: ProvisionPhase) => options.onPhase?.(p);
  mkdirSync(workDir, { recursive: true });

  // Synth is cheap and deterministic, so it re-runs on retry: the stack files
  // must exist on disk for terraform anyway.
  phase('synth');
  const { stackDir, summary } = synthesizeEnvironment(
    spec,
    workDir,
    synthesizeOptionsFromConfig(config, {
      accountId: spec.accountId,
      region: spec.region,
    }),
  );
  log(
    `Synthesized ${summary.resourceTotal} resources for ${spec.name} (${spec.region}) into ${stackDir}`,
  );

  phase('guardrails');
  const synthReport = checkGuardrails(
    JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')),
    {
      config: config.guardrails,
      accountId: spec.accountId,
      ...sessionLockdownOptions(config),
    },
  );
  logReport(log, 'synthesized stack', synthReport);
  if (!synthReport.passed) throw new GuardrailViolationError(synthReport);
  const synthGuardrails = toGuardrailReportJson(synthReport);

  if (options.dryRun) {
    log('Dry run: stopping after synth and guardrails; no state was written.');
    return { mode: 'dry-run', stackDir, synthGuardrails };
  }

  const password =
    (await options.directoryPassword?.()) ?? generatePassword('Admin');
  const runner = new TerraformRunner({
    binary: config.terraform.binary,
    stackDir,
    pluginCacheDir: config.terraform.pluginCacheDir,
    providerMirror: config.terraform.providerMirror ?? findProviderMirror(),
    timeouts: config.terraform.timeouts,
    env: {
      ...(options.apply ? options.apply.env : PLAN_MODE_AWS_ENV),
      [DIRECTORY_PASSWORD_ENV]: password,
    },
    log,
    signal,
    onSpawn: options.onSpawn,
    onProgress: options.onProgress,
  });

  // The binary plan and `show -json` both hold the directory password in
  // clear text (variables and planned values). The plan file lives in a
  // private temp dir that is removed when this run ends; the plan JSON kept
  // next to the stack is redacted before it touches the disk.
  const privateDir = createPrivateRunDir('plan');
  const planFile = join(privateDir, 'enclave.tfplan');
  const planJsonPath = join(stackDir, 'plan.json');
  const writeRedactedPlan = async () => {
    const planJson = await runner.showPlan(planFile);
    writeFileSync(planJsonPath, redact(JSON.stringify(planJson), [password]));
  };
  try {
    phase('init');
    // Never checkpointed: a task resumed after a restart, or on another
    // replica, has a fresh working dir, and `init` (cheap and idempotent with
    // the shared plugin cache) is what makes it usable against the remote
    // state. A skipped init fails with "Backend initialization required".
    await runner.init();

    phase('plan');
    // The plan file never survives a retry (it is private to this run), so
    // plan always runs; only its summary is checkpointed for the record.
    await runner.plan(planFile);
    await writeRedactedPlan();
    const planned = await checkpoint(`plan:${spec.name}`, async () => ({
      summary: summarizePlan(JSON.parse(readFileSync(planJsonPath, 'utf8'))),
    }));
    return await afterPlan(planned.summary);
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }

  async function afterPlan(
    planSummary: PlanSummary,
  ): Promise<ProvisionEnvironmentResult> {
    log(formatPlanSummary(planSummary));

    phase('plan-guardrails');
    const planReport = checkGuardrails(
      JSON.parse(readFileSync(planJsonPath, 'utf8')),
      {
        config: config.guardrails,
        accountId: spec.accountId,
        ...sessionLockdownOptions(config),
      },
    );
    logReport(log, 'terraform plan', planReport);
    if (!planReport.passed) throw new GuardrailViolationError(planReport);
    const planGuardrails = toGuardrailReportJson(planReport);

    if (!options.apply) {
      log(PLAN_MODE_REASON);
      return {
        mode: 'plan',
        stackDir,
        synthGuardrails,
        planGuardrails,
        planSummary,
        planJsonPath,
        reason: PLAN_MODE_REASON,
      };
    }

    const held = options.holdApply?.(planSummary);
    if (held) {
      log(held);
      return {
        mode: 'plan',
        stackDir,
        synthGuardrails,
        planGuardrails,
        planSummary,
        planJsonPath,
        reason: held,
      };
    }

    phase('apply');
    await checkpoint(`apply:${spec.name}`, async () => {
      const { add, change, destroy } = planSummary;
      await runner.apply(planFile, add + change + destroy);
      return true;
    });

    phase('outputs');
    const outputs = await runner.outputs();
    return {
      mode: 'apply',
      stackDir,
      synthGuardrails,
      planGuardrails,
      planSummary,
      planJsonPath,
      outputs,
    };
  }
}

function logReport(
  log: (line: string) => void,
  what: string,
  report: GuardrailReport,
) {
  log(
    `Guardrails on the ${what}: ${report.summary.passedRules}/${
      report.summary.rules
    } rules pass${
      report.passed ? '' : `, ${report.summary.findings} findings`
    }`,
  );
  for (const rule of report.rules) {
    log(`  ${rule.passed ? 'PASS' : 'FAIL'} ${rule.id} ${rule.title}`);
    for (const relaxed of rule.relaxations)
      log(`       relaxed by config: ${relaxed}`);
    for (const f of rule.findings)
      log(`       ${f.address}: ${f.problem} Fix: ${f.fix}`);
  }
}

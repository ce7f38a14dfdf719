/*
 * The provisioning pipeline, free of Backstage: synth → guardrails → init →
 * plan → guardrails on the plan → (apply mode) apply → outputs → desktops.
 * The steps that change something in AWS (apply, desktops) and the plan's
 * summary run inside `checkpoint`, which the scaffolder maps onto
 * `ctx.checkpoint`, so a retried task does not repeat AWS work. Synth, the
 * guardrails, init and the plan itself run again on every attempt: they are
 * cheap or must (a resumed task may have a fresh working dir that only init
 * makes usable, and the plan file is private to one run). Nothing is applied
 * unless both guardrail passes are clean.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DataEnclaveConfig,
  EnvironmentMember,
  EnvironmentOutputs,
  EnvironmentSpec,
  GuardrailReportJson,
  PlanSummary,
} from '@data-enclave/plugin-enclave-common';
import { findApprovedBundle } from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import type { ProvisionDesktopsTuning } from '../aws/provisionDesktops';
import type { EnclaveLogger } from '../aws/types';
import {
  checkGuardrails,
  GuardrailReport,
  GuardrailViolationError,
} from '../guardrails';
import {
  DIRECTORY_PASSWORD_ENV,
  readEnvironmentOutputs,
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
import { existingDirectoryPassword } from './directoryAdminPassword';
import {
  EnvironmentPerson,
  membersFromDesktops,
  provisionEnvironmentDesktops,
} from './environmentDesktops';

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
  /** Leveled logging for the desktops step. Default: every level to `log`. */
  logger?: EnclaveLogger;
  onPhase?: (phase: ProvisionPhase) => void;
  signal?: AbortSignal;
  checkpoint?: Checkpoint;
  /** Apply mode. Absent means plan mode. */
  apply?: {
    /** Credentials for terraform, as environment variables. */
    env: Record<string, string | undefined>;
    /**
     * SDK clients in the environment's account and region. With them the
     * pipeline reuses the directory admin password an earlier attempt stored
     * (so retries never change it) and can run the desktops phase.
     */
    clients?: EnclaveAwsClients;
    /** Who gets a directory user and a WorkSpace after the apply (needs `clients`). */
    people?: readonly EnvironmentPerson[];
    desktopTuning?: ProvisionDesktopsTuning;
  };
  /**
   * Overrides where the directory admin password comes from. Default: the
   * stored one (apply mode with `clients`), else a fresh random password
   * (plan mode has nothing to keep it consistent with).
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
  /** Apply mode: the stack's outputs (ids only). */
  outputs?: EnvironmentOutputs;
  /** Apply mode with `people`: everyone's desktop, as the registry records it. */
  members?: EnvironmentMember[];
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

  const stored = options.directoryPassword
    ? await options.directoryPassword()
    : options.apply?.clients &&
      (await existingDirectoryPassword(options.apply.clients, spec));
  const password = stored ?? generatePassword('Admin');
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
    const outputs = readEnvironmentOutputs(await runner.outputs());
    const members = await desktops(outputs);
    return {
      mode: 'apply',
      stackDir,
      synthGuardrails,
      planGuardrails,
      planSummary,
      planJsonPath,
      outputs,
      ...(members ? { members } : {}),
    };
  }

  async function desktops(
    outputs: EnvironmentOutputs,
  ): Promise<EnvironmentMember[] | undefined> {
    const { clients, people, desktopTuning } = options.apply ?? {};
    if (!clients || !people) return undefined;
    // The longest step: the card must say so, not "outputs".
    phase('desktops');
    // Checkpointed as JSON: a retried task does not ask AWS again.
    return checkpoint(`desktops:${spec.name}`, async () =>
      membersFromDesktops(
        people,
        await provisionEnvironmentDesktops({
          spec,
          people,
          clients,
          directoryId: String(outputs.directoryId),
          kmsKeyArn: String(outputs.kmsKeyArn),
          // G12: a hardened custom bundle is found among the account's own.
          bundleOwner: findApprovedBundle(
            config.workspaces.approvedBundles,
            spec.workspaces.bundleName,
          )?.owner,
          logger: options.logger ?? { info: log, warn: log, error: log },
          signal,
          tuning: desktopTuning,
        }),
      ),
    );
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

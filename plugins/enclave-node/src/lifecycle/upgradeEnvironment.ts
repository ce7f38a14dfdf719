/*
 * Platform upgrade: the environment's stored spec, re-synthesized with the
 * platform's current stack version, through the same pipeline as
 * provisioning (synth → guardrails → init → plan → guardrails on the plan).
 * The plan is the diff against what was applied. It is applied only when it
 * destroys nothing, or when someone has confirmed the destroys: a replaced
 * directory or bucket is data loss, so it never happens by default.
 */
import type {
  DataEnclaveConfig,
  EnvironmentOutputs,
  PlanSummary,
} from '@data-enclave/plugin-enclave-common';
import {
  provisionEnvironment,
  ProvisionEnvironmentOptions,
  ProvisionEnvironmentResult,
} from '../provision/provisionEnvironment';
import { storedSpec } from './environmentTerraform';

export interface UpgradeEnvironmentOptions
  extends Pick<
    ProvisionEnvironmentOptions,
    'workDir' | 'log' | 'signal' | 'checkpoint' | 'onPhase' | 'onSpawn'
  > {
  /** The registry record's stored spec. */
  spec: Record<string, unknown>;
  config: DataEnclaveConfig;
  /** Target version; default `config.stackVersion` (the platform's latest). */
  toVersion?: string;
  /** Apply even when the plan destroys resources. */
  confirm: boolean;
  /**
   * With `confirm`: the destroys the person saw and approved (addresses from
   * an earlier plan). A plan that destroys anything else is held back, so a
   * confirmation never covers a diff nobody has seen.
   */
  approvedDestroys?: string[];
  /** Apply-mode credentials; absent means plan mode (plan and report). */
  apply?: { env: Record<string, string | undefined> };
}

export interface UpgradeEnvironmentResult {
  fromVersion: string;
  toVersion: string;
  planSummary?: PlanSummary;
  applied: boolean;
  /** The plan destroys resources that nobody has confirmed yet. */
  needsConfirmation: boolean;
  /** Why nothing was applied. */
  reason?: string;
  outputs?: EnvironmentOutputs;
  provision: ProvisionEnvironmentResult;
}

export function describeDiff(summary: PlanSummary): string[] {
  const lines = [
    `Upgrade plan: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`,
  ];
  const addresses = summary.addresses ?? {};
  for (const [label, list] of [
    ['+ add', addresses.add],
    ['~ change', addresses.change],
    ['- destroy', addresses.destroy],
  ] as const) {
    for (const address of list ?? []) lines.push(`  ${label} ${address}`);
  }
  return lines;
}

/** The reason to hold the apply back, or undefined to go ahead. */
export function holdUpgrade(
  summary: PlanSummary,
  confirm: boolean,
  approvedDestroys?: string[],
): string | undefined {
  const destroys = summary.addresses?.destroy ?? [];
  if (summary.destroy === 0) return undefined;
  if (!confirm) {
    return `Not applied: the upgrade destroys or replaces ${
      summary.destroy
    } resource(s) (${destroys.join(
      ', ',
    )}). Review them and run the upgrade again with confirm: true.`;
  }
  if (approvedDestroys) {
    const unseen = destroys.filter(a => !approvedDestroys.includes(a));
    if (unseen.length) {
      return `Not applied: the plan now also destroys ${unseen.join(
        ', ',
      )}, which was not in the confirmed plan. Review the new plan and confirm again.`;
    }
  }
  return undefined;
}

export async function upgradeEnvironment(
  options: UpgradeEnvironmentOptions,
): Promise<UpgradeEnvironmentResult> {
  const { config, log } = options;
  const current = storedSpec(options.spec, config);
  const toVersion = options.toVersion ?? config.stackVersion;
  const spec = { ...current, stackVersion: toVersion };
  log(
    `Upgrading ${spec.name} from stack version ${current.stackVersion} to ${toVersion}`,
  );
  let needsConfirmation = false;
  const result = await provisionEnvironment({
    spec,
    // Without credentials the plan-mode provider is used even under
    // `mode: apply` (the environment was only ever planned).
    config: options.apply ? config : { ...config, mode: 'plan' },
    workDir: options.workDir,
    log,
    signal: options.signal,
    checkpoint: options.checkpoint,
    onPhase: options.onPhase,
    onSpawn: options.onSpawn,
    apply: options.apply,
    holdApply: summary => {
      describeDiff(summary).forEach(line => log(line));
      const reason = holdUpgrade(
        summary,
        options.confirm,
        options.approvedDestroys,
      );
      needsConfirmation = Boolean(reason);
      return reason;
    },
  });
  if (!options.apply && result.planSummary) {
    // Plan mode never reaches holdApply: show the diff all the same.
    describeDiff(result.planSummary).forEach(line => log(line));
    needsConfirmation = Boolean(
      holdUpgrade(
        result.planSummary,
        options.confirm,
        options.approvedDestroys,
      ),
    );
  }
  return {
    fromVersion: current.stackVersion,
    toVersion,
    planSummary: result.planSummary,
    applied: result.mode === 'apply',
    needsConfirmation,
    reason: result.reason,
    outputs: result.outputs,
    provision: result,
  };
}

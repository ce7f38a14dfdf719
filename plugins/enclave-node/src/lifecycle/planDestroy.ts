/*
 * Plan mode's decommission: a real `terraform plan -destroy` of the stored
 * stack, reported and never applied. The plan file and its JSON hold the
 * directory password variable, so both stay in a private temp dir that is
 * removed before this returns; only the summary leaves.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DataEnclaveConfig,
  PlanSummary,
} from '@data-enclave/plugin-enclave-common';
import { formatPlanSummary, summarizePlan } from '../terraform/planSummary';
import { environmentTerraform } from './environmentTerraform';
import { createPrivateRunDir } from '../terraform/privateRunDirs';

export interface PlanDestroyOptions {
  spec: Record<string, unknown>;
  stackVersion: string;
  config: DataEnclaveConfig;
  workDir: string;
  /** Apply-mode credentials; absent plans with the plan-mode provider. */
  env?: Record<string, string | undefined>;
  log: (line: string) => void;
  signal?: AbortSignal;
  onSpawn?: (pid: number, command: string) => void;
}

export async function planDestroy(
  options: PlanDestroyOptions,
): Promise<PlanSummary> {
  const { runner } = environmentTerraform(options);
  const privateDir = createPrivateRunDir('destroy-plan');
  try {
    await runner.init();
    const planFile = join(privateDir, 'destroy.tfplan');
    await runner.plan(planFile, { destroy: true });
    const summary = summarizePlan(await runner.showPlan(planFile));
    options.log(formatPlanSummary(summary));
    return summary;
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}

/*
 * Drift check: `terraform plan -refresh-only` of an environment's stack at the
 * version it was applied with. Terraform reads every resource from AWS and
 * reports what differs from its state (a security group rule added in the
 * console, a deleted endpoint) in `resource_drift`; nothing is changed. For a
 * no-egress environment that list is the interesting part: any drift may be
 * a hole in the guardrails, so the card shows the count.
 *
 * The EMR cluster is not in that state: it is launched on demand by the SDK
 * and terminates itself when idle (stack/emrLaunchSpec.ts), so an idle-out
 * is never reported as drift; only its launch spec, roles and security
 * groups are, which is what must not change behind Terraform's back.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { environmentTerraform } from './environmentTerraform';
import { createPrivateRunDir } from '../terraform/privateRunDirs';

export interface DriftCheckOptions {
  spec: Record<string, unknown>;
  stackVersion: string;
  config: DataEnclaveConfig;
  /** The environment's Terraform working dir (where its state is). */
  workDir: string;
  /** Credentials for terraform in the environment's account. */
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Clock for `checkedAt` (tests). */
  now?: () => Date;
}

export interface DriftSummary {
  checkedAt: string;
  changes: number;
  /** Drifted resource addresses. */
  addresses: string[];
}

interface RefreshPlanJson {
  resource_drift?: Array<{ address: string; change?: { actions?: string[] } }>;
}

/** Drifted addresses in a `plan -refresh-only` JSON (`terraform show -json`). */
export function summarizeDrift(plan: unknown): string[] {
  return ((plan as RefreshPlanJson)?.resource_drift ?? [])
    .filter(d => (d.change?.actions ?? []).some(a => a !== 'no-op'))
    .map(d => d.address);
}

export async function checkDrift(
  options: DriftCheckOptions,
): Promise<DriftSummary> {
  const { runner } = environmentTerraform(options);
  // The plan file holds the password variable: private, removed after use.
  const privateDir = createPrivateRunDir('drift');
  try {
    await runner.init();
    const planFile = join(privateDir, 'drift.tfplan');
    await runner.plan(planFile, { refreshOnly: true });
    const addresses = summarizeDrift(await runner.showPlan(planFile));
    options.log(
      addresses.length
        ? `Drift: ${
            addresses.length
          } resource(s) changed outside Terraform: ${addresses.join(', ')}`
        : 'Drift: none',
    );
    return {
      checkedAt: (options.now ?? (() => new Date()))().toISOString(),
      changes: addresses.length,
      addresses,
    };
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}

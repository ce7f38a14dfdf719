/*
 * Plan summary from `terraform show -json <planfile>`: counts plus addresses by
 * action, for the task output, the card and upgrade diffs. Replacements count
 * as one add and one destroy, as Terraform's own summary line does.
 */
import type { PlanSummary } from '@data-enclave/plugin-enclave-common';

interface PlanJson {
  resource_changes?: Array<{
    address: string;
    mode?: string;
    change?: { actions?: string[] };
  }>;
}

export function summarizePlan(plan: unknown): PlanSummary {
  const add: string[] = [];
  const change: string[] = [];
  const destroy: string[] = [];
  for (const rc of (plan as PlanJson)?.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const actions = rc.change?.actions ?? [];
    if (actions.includes('create')) add.push(rc.address);
    if (actions.includes('delete')) destroy.push(rc.address);
    if (actions.length === 1 && actions[0] === 'update')
      change.push(rc.address);
  }
  return {
    add: add.length,
    change: change.length,
    destroy: destroy.length,
    addresses: { add, change, destroy },
  };
}

export function formatPlanSummary(summary: PlanSummary): string {
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`;
}

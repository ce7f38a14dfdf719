import type { PlanSummary } from '@data-enclave/plugin-enclave-common';

/** Terraform's own wording, so people recognise it from the task log. */
export function formatPlanSummary(plan: PlanSummary): string {
  return `Plan: ${plan.add} to add, ${plan.change} to change, ${plan.destroy} to destroy.`;
}

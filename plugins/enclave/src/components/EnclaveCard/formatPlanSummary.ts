import type { PlanSummary } from '@data-enclave/plugin-enclave-common';

/** Terraform's own wording, so people recognise it from the task log. */
export function formatPlanSummary(plan: PlanSummary): string {
  return `Plan: ${plan.add} to add, ${plan.change} to change, ${plan.destroy} to destroy.`;
}

/** The same counts in a table cell's width: `+add ~change -destroy`. */
export function formatPlanCounts(plan: PlanSummary): string {
  return `+${plan.add} ~${plan.change} -${plan.destroy}`;
}

/*
 * "Was anything of this environment ever applied to AWS?" — the question a
 * plan-mode decommission must answer before it may drop the record. The
 * environment's state alone cannot say: `failed` is where a plan-mode
 * provision killed during `terraform plan` lands (nothing exists) and also
 * where an apply-mode provision that failed half-way through `terraform
 * apply` lands (real resources exist). So the evidence is recorded when it
 * happens: an apply-mode provision marks its own operation with
 * APPLY_ATTEMPT_DETAIL before terraform runs, and a finished apply leaves
 * stack outputs on the record.
 */
import type {
  EnvironmentOutputs,
  EnvironmentState,
  OperationRecord,
} from '@data-enclave/plugin-enclave-common';

/** The operation detail an apply-mode provision records before terraform runs. */
export const APPLY_ATTEMPT_DETAIL = { mode: 'apply' } as const;

/** What the registry knows about an environment's past. */
export interface AppliedEvidenceInput {
  /** The state the operation found (not the busy state it holds now). */
  state: EnvironmentState;
  /** The record's stack outputs: only a finished apply writes them. */
  outputs: EnvironmentOutputs;
  /** The environment's audit trail (GET /environments/:id/operations). */
  operations: ReadonlyArray<Pick<OperationRecord, 'kind' | 'detail'>>;
}

/**
 * Why resources may exist in AWS, or undefined when nothing was ever applied.
 * Conservative: an apply-mode attempt counts even if it failed before
 * `terraform apply`, because a kill leaves no record of how far it got.
 */
export function appliedEvidence(
  input: AppliedEvidenceInput,
): string | undefined {
  if (input.state === 'ready') return 'it is ready';
  if (Object.keys(input.outputs ?? {}).length > 0)
    return 'it has stack outputs from an apply';
  const attempt = input.operations.find(
    op => op.detail?.mode === APPLY_ATTEMPT_DETAIL.mode,
  );
  if (attempt) return `an apply-mode ${attempt.kind} ran on it`;
  return undefined;
}

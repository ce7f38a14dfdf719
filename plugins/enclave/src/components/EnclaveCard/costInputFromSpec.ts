import type { CostEstimateInput } from '@data-enclave/plugin-enclave-common';

/**
 * The registry stores the spec as plain JSON; pick out what the estimate
 * needs without trusting its shape (older stack versions may lack fields).
 */
export function costInputFromSpec(
  spec: Record<string, unknown>,
  userCount: number,
  region?: string,
): CostEstimateInput {
  const emr = (spec.emr ?? {}) as Record<string, unknown>;
  const workspaces = (spec.workspaces ?? {}) as Record<string, unknown>;
  return {
    userCount,
    region,
    emr: {
      instanceType:
        typeof emr.instanceType === 'string' ? emr.instanceType : undefined,
      coreNodeCount:
        typeof emr.coreNodeCount === 'number' ? emr.coreNodeCount : undefined,
    },
    workspaces: {
      computeType:
        typeof workspaces.computeType === 'string'
          ? workspaces.computeType
          : undefined,
    },
  };
}

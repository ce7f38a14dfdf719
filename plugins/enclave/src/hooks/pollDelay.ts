import type { EnvironmentState } from '@data-enclave/plugin-enclave-common';

export const MIN_POLL_DELAY_MS = 2_000;
export const MAX_POLL_DELAY_MS = 30_000;

/** States in which nothing changes without a new task, so polling can stop. */
const SETTLED: readonly EnvironmentState[] = [
  'planned',
  'ready',
  'failed',
  'destroyed',
];

export function isSettled(state: EnvironmentState): boolean {
  return SETTLED.includes(state);
}

/**
 * Delay before the next poll: back to the minimum whenever the environment
 * moved (a new phase is likely to be followed by another soon), otherwise
 * doubling up to the maximum so a long `terraform apply` costs few requests.
 */
export function nextPollDelay(previousMs: number, changed: boolean): number {
  if (changed) return MIN_POLL_DELAY_MS;
  return Math.min(
    Math.max(previousMs, MIN_POLL_DELAY_MS) * 2,
    MAX_POLL_DELAY_MS,
  );
}

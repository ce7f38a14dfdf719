import {
  AbortError,
  Timing,
  WaitTimeoutError,
  isTimeoutReason,
  realTiming,
  toAbortError,
} from './timing';

/**
 * A bounded, abortable poller in the style of @smithy/util-waiter's
 * createWaiter (first check at once, then exponential backoff, stop on abort or
 * when the bound is reached). We do not call createWaiter itself because it
 * reads the wall clock and setTimeout directly and has second granularity;
 * here the clock and sleep are injected so the same code runs in tests and
 * benchmarks without real delays, and an abort interrupts the sleep at once
 * instead of after the current delay.
 */
export interface PollOptions {
  /** What we are waiting for, e.g. "directory data access on d-123 to be Enabled". */
  description: string;
  /** Delay before the second check; doubles after each check. */
  minDelayMs: number;
  /** Upper bound for a single delay. */
  maxDelayMs: number;
  /**
   * Optional bound on the injected clock. Upstream the overall bound usually
   * arrives through `signal` (e.g. AbortSignal.timeout or the task's signal).
   */
  maxWaitMs?: number;
  signal?: AbortSignal;
  timing?: Timing;
}

export type PollOutcome<T> =
  | { done: true; value: T }
  | { done: false; status?: string };

export function backoffDelay(
  attempt: number,
  minDelayMs: number,
  maxDelayMs: number,
): number {
  // attempt is 1-based: the first delay is minDelayMs.
  return Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, attempt - 1));
}

export async function pollUntil<T>(
  check: (attempt: number) => Promise<PollOutcome<T>>,
  options: PollOptions,
): Promise<T> {
  const timing = options.timing ?? realTiming;
  const { signal, description } = options;
  const startedAt = timing.now();
  let lastStatus: string | undefined;

  const timeoutError = (cause?: unknown) =>
    new WaitTimeoutError(
      `Timed out after ${Math.round(
        (timing.now() - startedAt) / 1000,
      )}s waiting for ${description}${
        lastStatus ? ` (last status: ${lastStatus})` : ''
      }`,
      { cause },
    );
  const stopError = (): Error => {
    // AbortSignal.timeout() aborts with a DOMException named TimeoutError:
    // report it as the bound it is, not as a cancellation.
    const reason: unknown = signal?.reason;
    if (isTimeoutReason(reason)) {
      return timeoutError(reason);
    }
    return toAbortError(signal!, `Waiting for ${description}`);
  };

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw stopError();
    if (attempt > 0) {
      const delay = backoffDelay(
        attempt,
        options.minDelayMs,
        options.maxDelayMs,
      );
      if (
        options.maxWaitMs !== undefined &&
        timing.now() + delay - startedAt > options.maxWaitMs
      ) {
        throw timeoutError();
      }
      try {
        await timing.sleep(delay, signal);
      } catch (error) {
        if (signal?.aborted) throw stopError();
        throw error;
      }
    }
    const outcome = await check(attempt);
    if (outcome.done) return outcome.value;
    lastStatus = outcome.status ?? lastStatus;
  }
}

export { AbortError, WaitTimeoutError };

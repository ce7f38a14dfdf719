import { isThrottlingError } from '@smithy/core/retry';
import { Timing, realTiming, throwIfAborted } from './timing';
import { backoffDelay } from './poll';
import { wrapMethods } from './proxies';

/**
 * Throttling is handled in two layers:
 * 1. The clients we construct use the SDK's adaptive retry mode (client-side
 *    rate limiting plus retries, see clients.ts). That absorbs short bursts.
 * 2. This wrapper adds a few slower retries, for throttling errors only, once the
 *    SDK has given up. Provisioning 100 users fans out hundreds of calls within
 *    seconds and a burst can outlast the SDK's attempt budget; failing a user
 *    for that would only force a re-run. Non-throttling errors pass through
 *    untouched so real failures are reported immediately.
 */
export interface ThrottleRetryOptions {
  /** Total attempts including the first (default 4). */
  attempts?: number;
  /** First backoff delay (default 1 s), doubling up to maxDelayMs (default 20 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timing?: Timing;
  signal?: AbortSignal;
}

interface ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // isThrottlingError looks at the status code (429), the SDK's list of
  // throttling error names and the `$retryable.throttling` trait.
  return isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
}

export async function retryThrottled<T>(
  fn: () => Promise<T>,
  options: ThrottleRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const timing = options.timing ?? realTiming;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal, 'AWS call');
    try {
      return await fn();
    } catch (error) {
      if (!isThrottling(error) || attempt >= attempts) throw error;
      await timing.sleep(
        backoffDelay(
          attempt,
          options.baseDelayMs ?? 1000,
          options.maxDelayMs ?? 20_000,
        ),
        options.signal,
      );
    }
  }
}

/**
 * The client with `send` wrapped in retryThrottled: for SDK paginators, which
 * call `send` themselves.
 */
export function withThrottlingRetry<C extends { send: unknown }>(
  client: C,
  options: ThrottleRetryOptions = {},
): C {
  return wrapMethods(client, ['send'], call => retryThrottled(call, options));
}

/**
 * "Code: message" for logs and results. Only the error's name and message are
 * used: SDK errors never echo request parameters, so no password can leak here.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error)) {
    const { name, message } = error as ErrorLike;
    if (name && message && name !== 'Error') return `${name}: ${message}`;
    return message || name || String(error);
  }
  return String(error);
}

export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? (error as ErrorLike).name
    : undefined;
}

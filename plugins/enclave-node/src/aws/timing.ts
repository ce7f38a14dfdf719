/**
 * Time is injected everywhere we wait, so tests and benchmarks can run the real
 * polling/backoff code without real delays (a fake clock that advances when
 * "sleeping"), while production uses timers that stop at once on abort.
 */
export interface Timing {
  /** Milliseconds since the epoch (only differences are used). */
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Thrown when an AbortSignal stops an operation (cancelled task, overall bound). */
export class AbortError extends Error {
  constructor(
    message = 'The operation was aborted',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** Throws an AbortError carrying the signal's reason when the signal has aborted. */
export function throwIfAborted(
  signal: AbortSignal | undefined,
  what: string,
): void {
  if (signal?.aborted) {
    throw toAbortError(signal, what);
  }
}

/** The wait or operation reached its time bound. `name` matches the SDK waiters' TimeoutError. */
export class WaitTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimeoutError';
  }
}

/** DOMException is not an Error subclass everywhere, so check the name only. */
export function isTimeoutReason(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    (reason as { name?: unknown }).name === 'TimeoutError'
  );
}

/**
 * The error for an aborted signal. AbortSignal.timeout() aborts with a
 * DOMException named TimeoutError: that is the overall bound being reached,
 * reported as a timeout rather than as a cancellation.
 */
export function toAbortError(
  signal: AbortSignal,
  what: string,
): AbortError | WaitTimeoutError {
  const reason: unknown = signal.reason;
  const detail =
    reason instanceof Error && reason.message ? `: ${reason.message}` : '';
  if (isTimeoutReason(reason)) {
    return new WaitTimeoutError(
      `${what} stopped: time bound reached${detail}`,
      {
        cause: reason,
      },
    );
  }
  return new AbortError(`${what} was aborted${detail}`, { cause: reason });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** setTimeout-based sleep that rejects immediately when the signal aborts. */
export function abortableSleep(
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(toAbortError(signal, 'Wait'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(toAbortError(signal!, 'Wait'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

/*
 * Rate-limits the progress writes to the registry (the card polls it) without
 * losing the latest value: the first call goes out at once, later calls
 * within `ms` are folded into one trailing call with the newest value. A
 * leading-edge-only throttle would leave the card on a stale count whenever
 * the last update of a burst fell inside the window (e.g. the resource that
 * then takes twenty minutes).
 */
export interface ThrottledLatest<T> {
  (value: T): void;
  /** Drops a pending trailing call (the phase moved on; the value is stale). */
  cancel(): void;
}

export function throttleLatest<T>(
  ms: number,
  fn: (value: T) => void,
  now: () => number = Date.now,
): ThrottledLatest<T> {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const fire = (value: T) => {
    last = now();
    pending = undefined;
    fn(value);
  };
  const throttled = (value: T) => {
    const wait = last + ms - now();
    if (wait <= 0 && !timer) {
      fire(value);
      return;
    }
    pending = { value };
    timer ??= setTimeout(() => {
      timer = undefined;
      if (pending) fire(pending.value);
    }, Math.max(wait, 0));
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}

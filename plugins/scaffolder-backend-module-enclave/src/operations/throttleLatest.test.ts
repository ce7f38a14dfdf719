import { throttleLatest } from './throttleLatest';

describe('throttleLatest', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first value at once and the last value of a burst after the window', () => {
    const sent: number[] = [];
    const progress = throttleLatest(5000, (v: number) => sent.push(v));
    progress(1);
    progress(2);
    progress(3);
    expect(sent).toEqual([1]);
    // The last value of the burst is not lost (the old throttle dropped it).
    jest.advanceTimersByTime(5000);
    expect(sent).toEqual([1, 3]);
    // Nothing more is pending.
    jest.advanceTimersByTime(60_000);
    expect(sent).toEqual([1, 3]);
  });

  it('sends at most one value per window under a steady stream', () => {
    const sent: number[] = [];
    const progress = throttleLatest(5000, (v: number) => sent.push(v));
    for (let i = 1; i <= 20; i++) {
      progress(i);
      jest.advanceTimersByTime(1000);
    }
    jest.advanceTimersByTime(5000);
    // Value i arrives at t = i-1 s: the leading call, then at t = 5, 10, 15
    // and 20 s the newest value of each window.
    expect(sent).toEqual([1, 5, 10, 15, 20]);
  });

  it('cancel drops a pending value', () => {
    const sent: number[] = [];
    const progress = throttleLatest(5000, (v: number) => sent.push(v));
    progress(1);
    progress(2);
    progress.cancel();
    jest.advanceTimersByTime(10_000);
    expect(sent).toEqual([1]);
    progress(3);
    expect(sent).toEqual([1, 3]);
  });
});

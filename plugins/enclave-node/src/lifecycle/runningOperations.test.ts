import {
  failRunningOperations,
  runningOperationCount,
  setLocalOperationCloser,
  SHUTDOWN_FAILURE_REASON,
  trackRunningOperation,
} from './runningOperations';

const logger = { info: jest.fn(), warn: jest.fn() };

afterEach(() => setLocalOperationCloser(undefined));

describe('runningOperations (what a graceful shutdown closes)', () => {
  it('keeps an operation whose outcome could not be written and closes it through the local closer, not the fallback', async () => {
    const done = trackRunningOperation('env-done', 'task-1');
    await done.recorded(Promise.resolve('ok'));
    const lost = trackRunningOperation('env-lost', 'task-2');
    // What the HTTP API answers during shutdown.
    await expect(
      lost.recorded(Promise.reject(new Error('503 Service is shutting down'))),
    ).rejects.toThrow('503');
    expect(runningOperationCount()).toBe(1);

    const local = jest.fn(async () => undefined);
    const fallback = jest.fn(async () => undefined);
    setLocalOperationCloser(local);
    const result = await failRunningOperations({
      fallback,
      logger,
      settleMs: 10,
    });
    expect(result.closed).toEqual(['env-lost']);
    expect(local).toHaveBeenCalledWith(
      'env-lost',
      'task-2',
      SHUTDOWN_FAILURE_REASON,
    );
    expect(fallback).not.toHaveBeenCalled();
    expect(runningOperationCount()).toBe(0);
  });

  it('waits for a write in flight, and a refused close (already released) is a warning', async () => {
    let finish: (v: string) => void = () => {};
    const inFlight = trackRunningOperation('env-slow', 'task-3');
    const write = inFlight.recorded(new Promise<string>(r => (finish = r)));
    const stuck = trackRunningOperation('env-stuck', 'task-4');
    expect(stuck).toBeDefined();
    setTimeout(() => finish('recorded'), 20);

    const fallback = jest.fn(async () => {
      throw new Error('409 task task-4 no longer holds environment');
    });
    const result = await failRunningOperations({
      fallback,
      logger,
      settleMs: 200,
    });
    await expect(write).resolves.toBe('recorded');
    // env-slow recorded its own outcome during the wait; only env-stuck is left.
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(fallback).toHaveBeenCalledWith(
      'env-stuck',
      'task-4',
      SHUTDOWN_FAILURE_REASON,
    );
    expect(result.closed).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/could not close task task-4.*409/),
    );
    expect(runningOperationCount()).toBe(0);
  });
});

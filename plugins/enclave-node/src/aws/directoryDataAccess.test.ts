import { EnableDirectoryDataAccessCommand } from '@aws-sdk/client-directory-service';
import { ensureDirectoryDataAccess } from './directoryDataAccess';
import {
  DIRECTORY_ID,
  FakeAws,
  captureLogger,
  fakeTiming,
} from './__testUtils__/fakeAws';

describe('ensureDirectoryDataAccess (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  const run = (timing = fakeTiming(), extra = {}) =>
    ensureDirectoryDataAccess({
      directoryId: DIRECTORY_ID,
      client: aws.clients.directoryService,
      logger: captureLogger(),
      timing,
      ...extra,
    });

  it('enables access and waits through Enabling to Enabled', async () => {
    aws = new FakeAws({
      dataAccess: ['Disabled', 'Enabling', 'Enabling', 'Enabled'],
    });
    const timing = fakeTiming();
    await run(timing);
    expect(
      aws.mocks.directoryService.commandCalls(EnableDirectoryDataAccessCommand),
    ).toHaveLength(1);
    expect(aws.count('DescribeDirectoryDataAccess')).toBe(4);
    // Backoff: 5 s, then 10 s.
    expect(timing.sleeps).toEqual([5_000, 10_000]);
  });

  it('does nothing when already enabled', async () => {
    aws = new FakeAws({ dataAccess: ['Enabled'] });
    await run();
    expect(aws.count('EnableDirectoryDataAccess')).toBe(0);
    expect(aws.count('DescribeDirectoryDataAccess')).toBe(1);
  });

  it('waits for a disable in flight before enabling', async () => {
    aws = new FakeAws({
      dataAccess: ['Disabling', 'Disabled', 'Enabling', 'Enabled'],
    });
    await run();
    expect(aws.count('EnableDirectoryDataAccess')).toBe(1);
  });

  it('times out with a clear error', async () => {
    aws = new FakeAws({ dataAccess: ['Disabled', 'Enabling'] });
    await expect(run(fakeTiming(), { maxWaitMs: 120_000 })).rejects.toThrow(
      /^Timed out after \d+s waiting for directory data access on d-0123456789 to be Enabled \(last status: Enabling\)$/,
    );
  });

  it('treats an AbortSignal.timeout as the bound, not a cancellation', async () => {
    aws = new FakeAws({ dataAccess: ['Enabling'] });
    const controller = new AbortController();
    controller.abort(
      Object.assign(new Error('signal timed out'), { name: 'TimeoutError' }),
    );
    await expect(
      run(fakeTiming(), { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('fails fast when enabling fails', async () => {
    aws = new FakeAws({ dataAccess: ['Disabled', 'Enabling', 'Failed'] });
    await expect(run()).rejects.toThrow(/failed to enable \(status Failed\)/);
  });
});

import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { formatProgress, waitForWorkspaces } from './waitForWorkspaces';
import { FakeAws, captureLogger, fakeTiming } from './__testUtils__/fakeAws';

describe('waitForWorkspaces (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  it('formats progress for the task log', () => {
    const states = [
      ...Array.from({ length: 7 }, (_, i) => ({
        workspaceId: `a${i}`,
        state: 'AVAILABLE',
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        workspaceId: `p${i}`,
        state: 'PENDING',
      })),
    ];
    expect(formatProgress(states)).toBe('7/12 AVAILABLE, 5 PENDING');
  });

  it('polls only unsettled desktops, ≤ 25 ids a call, with a 15 s starting backoff', async () => {
    aws = new FakeAws({ pendingPolls: 2 });
    const ids = Array.from({ length: 30 }, (_, i) => {
      const id = aws.seedWorkspace(`u${i}`, 'PENDING');
      aws.workspaces.get(id)!.polls = 0;
      return id;
    });
    // Five are already done: after the first round only 25 ids remain open.
    for (const id of ids.slice(0, 5)) aws.workspaces.get(id)!.polls = 10;
    const timing = fakeTiming();
    const logger = captureLogger();
    const states = await waitForWorkspaces({
      client: aws.clients.workspaces,
      workspaceIds: ids,
      logger,
      timing,
    });
    expect([...states.values()].every(s => s.state === 'AVAILABLE')).toBe(true);
    const calls = aws.mocks.workspaces
      .commandCalls(DescribeWorkspacesCommand)
      .map(c => c.args[0].input.WorkspaceIds!.length);
    expect(calls).toEqual([25, 5, 25, 25]);
    expect(timing.sleeps).toEqual([15_000, 30_000]);
    expect(logger.lines).toEqual([
      'info: WorkSpaces: 5/30 AVAILABLE, 25 PENDING',
      'info: WorkSpaces: 5/30 AVAILABLE, 25 PENDING',
      'info: WorkSpaces: 30/30 AVAILABLE',
    ]);
  });
});

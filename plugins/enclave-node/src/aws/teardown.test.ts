import {
  DeregisterWorkspaceDirectoryCommand,
  TerminateWorkspacesCommand,
} from '@aws-sdk/client-workspaces';
import {
  deleteUsersAndSecrets,
  deregisterWorkspaceDirectory,
  terminateWorkspaces,
} from './teardown';
import {
  DIRECTORY_ID,
  FakeAws,
  captureLogger,
  fakeTiming,
} from './__testUtils__/fakeAws';

describe('teardown primitives (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  it('terminates in batches of ≤ 25 and waits until the ids are gone', async () => {
    aws = new FakeAws();
    const ids = Array.from({ length: 60 }, (_, i) =>
      aws.seedWorkspace(`u${i}`),
    );
    const logger = captureLogger();
    const outcome = await terminateWorkspaces({
      client: aws.clients.workspaces,
      workspaceIds: [...ids, 'ws-missing01'],
      logger,
      timing: fakeTiming(),
    });
    const batches = aws.mocks.workspaces
      .commandCalls(TerminateWorkspacesCommand)
      .map(c => c.args[0].input.TerminateWorkspaceRequests!.length);
    expect(batches).toEqual([25, 25, 11]);
    expect(outcome.failed).toEqual([]);
    expect(
      [...aws.workspaces.values()].every(w => w.State === 'TERMINATED'),
    ).toBe(true);
    expect(logger.lines).toContain('info: WorkSpaces: 61/61 terminated');
  });

  it('retries deregistration while WorkSpaces are still terminating', async () => {
    aws = new FakeAws();
    const [id] = [aws.seedWorkspace('u1')];
    aws.workspaces.get(id)!.State = 'TERMINATING';
    aws.workspaces.get(id)!.polls = 0;
    const timing = fakeTiming();
    // The WorkSpace finishes terminating after the second attempt.
    let attempts = 0;
    aws.mocks.workspaces
      .on(DeregisterWorkspaceDirectoryCommand)
      .callsFake(() => {
        attempts++;
        if (attempts < 3) {
          throw Object.assign(
            new Error(
              'The directory has WorkSpaces or authorized applications',
            ),
            { name: 'InvalidResourceStateException' },
          );
        }
        return {};
      });
    const logger = captureLogger();
    await expect(
      deregisterWorkspaceDirectory({
        client: aws.clients.workspaces,
        directoryId: DIRECTORY_ID,
        logger,
        timing,
      }),
    ).resolves.toBe('deregistered');
    expect(attempts).toBe(3);
    expect(timing.sleeps).toEqual([15_000, 30_000]);
  });

  it('treats an unregistered directory as done', async () => {
    aws = new FakeAws();
    aws.mocks.workspaces
      .on(DeregisterWorkspaceDirectoryCommand)
      .rejects(
        Object.assign(new Error('nope'), { name: 'ResourceNotFoundException' }),
      );
    await expect(
      deregisterWorkspaceDirectory({
        client: aws.clients.workspaces,
        directoryId: DIRECTORY_ID,
        logger: captureLogger(),
        timing: fakeTiming(),
      }),
    ).resolves.toBe('not-registered');
  });

  it('deletes users and secrets idempotently', async () => {
    aws = new FakeAws();
    aws.directoryUsers.set('u1', {});
    aws.secrets.set('enclave/dev/u1', { values: ['x'] });
    const run = () =>
      deleteUsersAndSecrets({
        directoryId: DIRECTORY_ID,
        usernames: ['u1', 'u2'],
        directoryData: aws.clients.directoryData,
        secretsManager: aws.clients.secretsManager,
        environment: 'dev',
        logger: captureLogger(),
        forceDeleteSecrets: true,
        timing: fakeTiming(),
      });
    await expect(run()).resolves.toEqual([
      { username: 'u1' },
      { username: 'u2' },
    ]);
    expect(aws.directoryUsers.size).toBe(0);
    expect(aws.secrets.size).toBe(0);
    await expect(run()).resolves.toEqual([
      { username: 'u1' },
      { username: 'u2' },
    ]);
  });
});

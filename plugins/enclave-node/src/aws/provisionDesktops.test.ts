import { ENCLAVE_MAX_ATTEMPTS } from './clients';
import { enclaveDefaultTags } from '@data-enclave/plugin-enclave-common';
import {
  CreateWorkspacesCommand,
  DescribeWorkspacesCommand,
  WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { ResetUserPasswordCommand } from '@aws-sdk/client-directory-service';
import { BundleNotFoundError } from './bundles';
import { provisionDesktops, ProvisionDesktopsInput } from './provisionDesktops';
import { realTiming } from './timing';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
  awsError,
  captureLogger,
  fakeTiming,
  makeUsers,
} from './__testUtils__/fakeAws';

describe('provisionDesktops (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  function input(
    overrides: Partial<ProvisionDesktopsInput> = {},
  ): ProvisionDesktopsInput & { logger: ReturnType<typeof captureLogger> } {
    const logger = captureLogger();
    return {
      environment: 'team-a-dev',
      users: makeUsers(3),
      kmsKeyArn: KMS_KEY_ARN,
      directoryId: DIRECTORY_ID,
      computeType: 'STANDARD',
      autoStopTimeoutMinutes: 120,
      // The one tag function, as every caller passes it.
      tags: enclaveDefaultTags({
        name: 'team-a-dev',
        team: 'group:default/team-a',
        stackVersion: '1.2.0',
      }),
      clients: aws.clients,
      logger,
      options: { timing: fakeTiming() },
      ...overrides,
    } as ProvisionDesktopsInput & { logger: ReturnType<typeof captureLogger> };
  }

  function createRequests(): WorkspaceRequest[][] {
    return aws.mocks.workspaces
      .commandCalls(CreateWorkspacesCommand)
      .map(call => call.args[0].input.Workspaces ?? []);
  }

  it.each([1, 25, 26, 100])(
    'provisions %i users with ⌈N/25⌉ encrypted, AUTO_STOP CreateWorkspaces calls',
    async n => {
      aws = new FakeAws();
      const run = input({ users: makeUsers(n) });
      const result = await provisionDesktops(run);

      const batches = createRequests();
      expect(batches).toHaveLength(Math.ceil(n / 25));
      expect(batches.every(b => b.length <= 25)).toBe(true);
      expect(batches.flat()).toHaveLength(n);
      for (const request of batches.flat()) {
        expect(request).toEqual({
          DirectoryId: DIRECTORY_ID,
          UserName: expect.stringMatching(/^user\d{3}$/),
          BundleId: 'wsb-000000003',
          VolumeEncryptionKey: KMS_KEY_ARN,
          RootVolumeEncryptionEnabled: true,
          UserVolumeEncryptionEnabled: true,
          WorkspaceProperties: {
            RunningMode: 'AUTO_STOP',
            RunningModeAutoStopTimeoutInMinutes: 120,
            ComputeTypeName: 'STANDARD',
            Protocols: ['WSP'],
          },
          Tags: expect.arrayContaining([
            { Key: 'enclave:environment', Value: 'team-a-dev' },
            { Key: 'enclave:team', Value: 'team-a' },
            { Key: 'enclave:stack-version', Value: '1.2.0' },
            { Key: 'enclave:username', Value: request.UserName },
          ]),
        });
      }

      expect(result.bundleId).toBe('wsb-000000003');
      expect(result.desktops).toHaveLength(n);
      expect(result.desktops.every(d => d.state === 'AVAILABLE')).toBe(true);
      expect(result.desktops.every(d => d.workspaceId && !d.error)).toBe(true);
      expect(result.desktops[0]).toEqual({
        user: 'user001',
        username: 'user001',
        workspaceId: expect.stringMatching(/^ws-/),
        state: 'AVAILABLE',
        secretName: 'enclave/team-a-dev/user001',
      });

      // One user + one password + one secret per person, secrets under the env key.
      expect(aws.count('CreateUser')).toBe(n);
      expect(aws.count('ResetUserPassword')).toBe(n);
      expect(aws.count('CreateSecret')).toBe(n);
      expect(
        [...aws.secrets.values()].every(s => s.kmsKeyId === KMS_KEY_ARN),
      ).toBe(true);
      // Waiting is batched too: every DescribeWorkspaces by id has ≤ 25 ids.
      const describeByIds = aws.mocks.workspaces
        .commandCalls(DescribeWorkspacesCommand)
        .map(c => c.args[0].input.WorkspaceIds)
        .filter(Boolean);
      expect(describeByIds.every(ids => ids!.length <= 25)).toBe(true);
      expect(describeByIds.length).toBe(2 * Math.ceil(n / 25));
      expect(run.logger.lines).toContain(
        `info: WorkSpaces: ${n}/${n} AVAILABLE`,
      );
    },
  );

  it('is idempotent: a re-run where 60 of 100 desktops exist creates only 40', async () => {
    aws = new FakeAws();
    const everyone = makeUsers(100);
    await provisionDesktops(input({ users: everyone.slice(0, 60) }));
    const firstRunResets = aws.count('ResetUserPassword');
    aws.mocks.workspaces.resetHistory();

    const rerun = await provisionDesktops(input({ users: everyone }));

    expect(createRequests().flat()).toHaveLength(40);
    expect(createRequests()).toHaveLength(2);
    expect(
      new Set(
        createRequests()
          .flat()
          .map(r => r.UserName),
      ),
    ).toEqual(new Set(everyone.slice(60).map(u => u.name)));
    expect(rerun.desktops.filter(d => d.state === 'AVAILABLE')).toHaveLength(
      100,
    );
    // Existing users keep the password they have (their secret exists).
    expect(firstRunResets).toBe(60);
    expect(aws.count('ResetUserPassword')).toBe(100);
    expect(aws.workspaces.size).toBe(100);
  });

  it('retries retryable FailedRequests and reports the permanent one per user', async () => {
    aws = new FakeAws();
    aws.createFailures.set('user002', {
      code: 'ThrottlingException',
      message: 'Rate exceeded',
      times: 1,
    });
    aws.createFailures.set('user005', {
      code: 'InternalError',
      message: 'Internal error',
      times: 2,
    });
    aws.createFailures.set('user009', {
      code: 'ResourceLimitExceeded',
      message: 'WorkSpaces limit reached for this account',
      times: 99,
    });
    const run = input({ users: makeUsers(30) });
    const result = await provisionDesktops(run);

    const byUser = new Map(result.desktops.map(d => [d.user, d]));
    expect(byUser.get('user009')).toEqual({
      user: 'user009',
      username: 'user009',
      state: 'FAILED',
      secretName: 'enclave/team-a-dev/user009',
      error:
        'CreateWorkspaces: ResourceLimitExceeded: WorkSpaces limit reached for this account',
    });
    expect(byUser.get('user002')!.state).toBe('AVAILABLE');
    expect(byUser.get('user005')!.state).toBe('AVAILABLE');
    expect(result.desktops.filter(d => d.state === 'AVAILABLE')).toHaveLength(
      29,
    );
    // First round: 2 calls (25 + 5); then user002+user005; then user005 alone.
    expect(createRequests().map(b => b.length)).toEqual([25, 5, 2, 1]);
    expect(run.logger.lines).toContainEqual(
      expect.stringMatching(
        /warn: CreateWorkspaces: 2 request\(s\) failed with retryable errors/,
      ),
    );
  });

  it('ThrottlingException bursts on every API it calls are absorbed by the one retry layer (the SDK strategy, FakeAws behind the middleware)', async () => {
    aws = new FakeAws();
    aws.throttle('DescribeDirectoryDataAccess', 2);
    aws.throttle('DescribeWorkspaceBundles', 2);
    aws.throttle('CreateUser', 3);
    aws.throttle('ResetUserPassword', 3);
    aws.throttle('CreateSecret', 2);
    aws.throttle('CreateWorkspaces', 2);
    aws.throttle('DescribeWorkspaces', 3);
    const timing = fakeTiming();
    const result = await provisionDesktops(
      input({ users: makeUsers(10), options: { timing } }),
    );
    expect(
      result.desktops.every(d => d.state === 'AVAILABLE' && !d.error),
    ).toBe(true);
    // Each throttled call is re-sent once per throttle, by the SDK only.
    expect(aws.count('CreateUser')).toBe(10 + 3);
    expect(aws.count('ResetUserPassword')).toBe(10 + 3);
    expect(createRequests()).toHaveLength(1 + 2);
  });

  it('a throttle that outlasts the SDK budget fails that step after exactly the budget (no second layer), and a re-run repairs it', async () => {
    aws = new FakeAws();
    aws.throttle('CreateUser', ENCLAVE_MAX_ATTEMPTS);
    const timing = fakeTiming();
    const first = await provisionDesktops(
      input({ users: makeUsers(1), options: { timing } }),
    );
    // Exactly the budget: one layer, no wrapper multiplying the attempts.
    expect(aws.count('CreateUser')).toBe(ENCLAVE_MAX_ATTEMPTS);
    const failed = first.desktops.filter(d => d.error);
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatch(/ThrottlingException/);
    const second = await provisionDesktops(
      input({ users: makeUsers(1), options: { timing } }),
    );
    expect(second.desktops.every(d => d.state === 'AVAILABLE')).toBe(true);
  });

  it('waits a bounded time for a new directory user to become visible to ResetUserPassword', async () => {
    aws = new FakeAws({ userVisibilityLag: 2 });
    const timing = fakeTiming();
    const result = await provisionDesktops(
      input({ users: makeUsers(2), options: { timing } }),
    );
    expect(result.desktops.every(d => d.state === 'AVAILABLE')).toBe(true);
    // Two UserDoesNotExistException answers per user, then success.
    expect(aws.count('ResetUserPassword')).toBe(2 * 3);
    expect(timing.sleeps.filter(ms => ms === 2_000).length).toBeGreaterThan(0);
  });

  it('stops polling at once when aborted during the wait', async () => {
    aws = new FakeAws({ pendingPolls: 1_000 });
    const controller = new AbortController();
    const run = input({ users: makeUsers(5), signal: controller.signal });
    const info = run.logger.info;
    run.logger.info = (message: string) => {
      info(message);
      if (message.startsWith('WorkSpaces: 0/5')) controller.abort();
    };
    // Real timers: the next poll would be 15 s away.
    run.options = { timing: realTiming };
    const started = Date.now();
    await expect(provisionDesktops(run)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    const polls = aws.mocks.workspaces
      .commandCalls(DescribeWorkspacesCommand)
      .filter(c => c.args[0].input.WorkspaceIds);
    expect(polls).toHaveLength(1);
  });

  it('reports what it knows when the wait reaches its bound', async () => {
    aws = new FakeAws({ pendingPolls: 1_000 });
    const run = input({
      users: makeUsers(2),
      options: { timing: fakeTiming(), waitMaxMs: 30 * 60_000 },
    });
    const result = await provisionDesktops(run);
    expect(result.desktops.map(d => d.state)).toEqual(['PENDING', 'PENDING']);
    expect(result.desktops[0].error).toMatch(
      /^Still PENDING when the wait ended: Timed out after \d+s waiting for 2 WorkSpace\(s\) to become AVAILABLE \(last status: 0\/2 AVAILABLE, 2 PENDING\)$/,
    );
  });

  it('reports a desktop in ERROR with its error code', async () => {
    aws = new FakeAws();
    aws.workspaceErrors.set('user002', 'InsufficientCapacity');
    const run = input();
    const result = await provisionDesktops(run);
    const failed = result.desktops.find(d => d.user === 'user002')!;
    expect(failed.state).toBe('ERROR');
    expect(failed.error).toBe(
      'WorkSpace ERROR: InsufficientCapacity: The WorkSpace could not be provisioned',
    );
    expect(run.logger.lines).toContainEqual(
      expect.stringMatching(
        /^error: WorkSpace ws-\d+ \(user002\) is ERROR: InsufficientCapacity/,
      ),
    );
    expect(run.logger.lines).toContain(
      'info: WorkSpaces: 2/3 AVAILABLE, 1 ERROR',
    );
  });

  it('fails before creating anything when the bundle does not exist, listing close matches', async () => {
    aws = new FakeAws();
    const run = input({ bundleName: 'Standard with Ubuntu 24.04' });
    const error = await provisionDesktops(run).catch(e => e);
    expect(error).toBeInstanceOf(BundleNotFoundError);
    expect(error.message).toMatch(
      /^No WorkSpaces bundle named "Standard with Ubuntu 24.04" \(owner AMAZON, 7 bundles searched\)\. Close matches: "Standard with Ubuntu 20.04", "Standard with Ubuntu 22.04", "Power with Ubuntu 22.04"/,
    );
    expect(error.closeMatches).not.toContain(
      'Standard with Windows 10 (Server 2019 based)',
    );
    // All 7 bundles were read through 3 pages.
    expect(aws.count('DescribeWorkspaceBundles')).toBe(3);
    expect(aws.count('CreateUser')).toBe(0);
    expect(aws.count('CreateWorkspaces')).toBe(0);
  });

  it('refuses PCOIP for a Linux bundle before any AWS call', async () => {
    aws = new FakeAws();
    const error = await provisionDesktops(
      input({
        bundleName: 'Standard with Ubuntu 22.04',
        options: { timing: fakeTiming(), protocol: 'PCOIP' },
      }),
    ).catch(e => e);
    expect(error.message).toMatch(
      /^PCOIP is not available for the Linux bundle "Standard with Ubuntu 22.04".*workspaces\.protocol/,
    );
    expect(aws.count('DescribeWorkspaceBundles')).toBe(0);
    expect(aws.count('CreateUser')).toBe(0);
    expect(aws.count('CreateWorkspaces')).toBe(0);
  });

  it('never lets a generated password reach logs or results', async () => {
    aws = new FakeAws();
    aws.createFailures.set('user004', {
      code: 'ResourceLimitExceeded',
      message: 'limit',
      times: 99,
    });
    // A service that echoes the password in an error must still not leak it.
    aws.mocks.directoryService
      .on(ResetUserPasswordCommand, { UserName: 'user007' })
      .callsFake(async cmd => {
        aws.passwordsSent.push(cmd.NewPassword);
        throw awsError(
          'InvalidPasswordException',
          `Password ${cmd.NewPassword} does not meet requirements`,
        );
      });
    const run = input({ users: makeUsers(12) });
    const result = await provisionDesktops(run);

    expect(aws.passwordsSent.length).toBe(12 + 11);
    const everything = [
      ...run.logger.lines,
      JSON.stringify(result),
      ...result.desktops.map(d => d.error ?? ''),
    ].join('\n');
    for (const password of aws.passwordsSent) {
      expect(password).toHaveLength(24);
      expect(everything).not.toContain(password);
    }
    const user7 = result.desktops.find(d => d.user === 'user007')!;
    expect(user7.error).toBe(
      'Initial password: InvalidPasswordException: Password *** does not meet requirements',
    );
    expect(user7.state).toBe('AVAILABLE');
    expect(user7.secretName).toBeUndefined();
  });

  it('refuses to take over an existing directory user with another email', async () => {
    aws = new FakeAws();
    aws.directoryUsers.set('user002', { email: 'someone.else@example.com' });
    const result = await provisionDesktops(input());
    const user2 = result.desktops.find(d => d.user === 'user002')!;
    expect(user2.state).toBe('FAILED');
    expect(user2.error).toMatch(
      /already exists with a different email address/,
    );
    expect(aws.count('ResetUserPassword')).toBe(2);
    expect(
      createRequests()
        .flat()
        .map(r => r.UserName),
    ).toEqual(['user001', 'user003']);
  });

  it('maps catalog names onto safe sAMAccountNames (reserved, long, duplicate)', async () => {
    aws = new FakeAws();
    const result = await provisionDesktops(
      input({
        users: [
          { name: 'admin', email: 'a@example.com' },
          { name: 'a-very-long-catalog-user-name', email: 'b@example.com' },
          { name: 'Jane.Doe', email: 'j@example.com' },
          { name: 'jane.doe', email: 'j@example.com' },
        ],
      }),
    );
    expect(result.desktops.map(d => d.username)).toEqual([
      expect.stringMatching(/^admin-[0-9a-f]{6}$/),
      expect.stringMatching(/^a-very-long-c-[0-9a-f]{6}$/),
      'jane.doe',
    ]);
    expect(result.desktops.every(d => d.username.length <= 20)).toBe(true);
  });

  it('rejects an AUTO_STOP timeout that is not a multiple of 60', async () => {
    aws = new FakeAws();
    await expect(
      provisionDesktops(input({ autoStopTimeoutMinutes: 90 })),
    ).rejects.toThrow(
      'autoStopTimeoutMinutes must be a positive multiple of 60',
    );
    expect(aws.totalCalls()).toBe(0);
  });
});

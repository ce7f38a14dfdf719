import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { DescribeClusterCommand } from '@aws-sdk/client-emr';
import { getEnvironmentStatus } from './status';
import { DIRECTORY_ID, FakeAws, awsError } from './__testUtils__/fakeAws';

describe('getEnvironmentStatus (mocked AWS)', () => {
  let aws: FakeAws;
  afterEach(() => aws?.restore());

  it('reports desktops, EMR and directory with batched calls and no N+1', async () => {
    aws = new FakeAws();
    const ids = Array.from({ length: 60 }, (_, i) =>
      aws.seedWorkspace(`user${i}`),
    );
    const target = aws.workspaces.get(ids[0])!;
    Object.assign(target, {
      IpAddress: '10.0.1.10',
      WorkspaceProperties: {
        ComputeTypeName: 'STANDARD',
        RunningMode: 'AUTO_STOP',
        RunningModeAutoStopTimeoutInMinutes: 60,
      },
    });
    aws.clusters.set('j-ABC', {
      request: {} as never,
      polls: 0,
      cluster: {
        Id: 'j-ABC',
        Status: {
          State: 'WAITING',
          StateChangeReason: { Message: 'Cluster ready to run steps.' },
        },
      },
    });
    const status = await getEnvironmentStatus({
      region: 'eu-west-1',
      directoryId: DIRECTORY_ID,
      emrClusterId: 'j-ABC',
      workspaceIds: [...ids, 'ws-gone00001'],
      clients: aws.clients,
      now: () => new Date('2025-01-01T00:00:00Z'),
    });

    expect(aws.count('DescribeWorkspaces')).toBe(3);
    expect(
      aws.mocks.workspaces
        .commandCalls(DescribeWorkspacesCommand)
        .map(c => c.args[0].input.WorkspaceIds!.length),
    ).toEqual([25, 25, 11]);
    expect(aws.count('DescribeDirectories')).toBe(1);
    expect(aws.count('DescribeCluster')).toBe(1);

    expect(status.checkedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(status.directory).toEqual({
      directoryId: DIRECTORY_ID,
      stage: 'Active',
      name: 'corp.example.com',
    });
    expect(status.emr).toEqual({
      clusterId: 'j-ABC',
      state: 'WAITING',
      stateReason: 'Cluster ready to run steps.',
    });
    expect(status.desktops.counts).toEqual({ AVAILABLE: 60, NOT_FOUND: 1 });
    expect(status.desktops.items.find(d => d.workspaceId === ids[0])).toEqual({
      workspaceId: ids[0],
      userName: 'user0',
      state: 'AVAILABLE',
      computeType: 'STANDARD',
      runningMode: 'AUTO_STOP',
      autoStopTimeoutMinutes: 60,
      ipAddress: '10.0.1.10',
    });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('lists the directory when no ids are given, and isolates a failing section', async () => {
    aws = new FakeAws();
    for (let i = 0; i < 30; i++) aws.seedWorkspace(`user${i}`);
    aws.mocks.emr
      .on(DescribeClusterCommand)
      .rejects(awsError('AccessDeniedException', 'not allowed'));
    const status = await getEnvironmentStatus({
      region: 'eu-west-1',
      directoryId: DIRECTORY_ID,
      emrClusterId: 'j-ABC',
      clients: aws.clients,
    });
    expect(status.desktops.items).toHaveLength(30);
    expect(aws.count('DescribeWorkspaces')).toBe(2); // two pages by DirectoryId
    expect(status.emr).toEqual({
      clusterId: 'j-ABC',
      error: 'AccessDeniedException: not allowed',
    });
    expect(status.directory.stage).toBe('Active');
  });
});

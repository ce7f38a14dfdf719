import {
  DescribeDirectoriesCommand,
  DirectoryServiceClient,
} from '@aws-sdk/client-directory-service';
import { DescribeClusterCommand, EMRClient } from '@aws-sdk/client-emr';
import {
  DescribeWorkspacesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { mockCredentials } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';
import { testEnvironmentRequest } from '../__testUtils__/testRegistry';

// Mocked AWS: every SDK client the status function uses.
const workspaces = mockClient(WorkSpacesClient);
const directories = mockClient(DirectoryServiceClient);
const emr = mockClient(EMRClient);

function awsCalls() {
  return (
    workspaces.commandCalls(DescribeWorkspacesCommand).length +
    directories.commandCalls(DescribeDirectoriesCommand).length +
    emr.commandCalls(DescribeClusterCommand).length
  );
}

/** Resolves AWS calls slowly so that the 200 requests really overlap. */
const slow = <T>(value: T) =>
  new Promise<T>(resolve => setTimeout(() => resolve(value), 50));

describe('live status API', () => {
  let server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];
  let envId: string;

  beforeAll(async () => {
    ({ server } = await startEnclaveTestBackend({
      config: { dataEnclave: { status: { cacheTtlSeconds: 1 } } },
    }));
    const created = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', mockCredentials.service.header())
      .send(
        testEnvironmentRequest({
          members: [
            {
              entityRef: TEST_USERS.dave,
              username: 'dave',
              workspaceId: 'ws-1',
            },
          ],
          initiator: TEST_USERS.alice,
        }),
      );
    envId = created.body.id;
    const applied = await request(server)
      .patch(`/api/enclave/environments/${envId}/state`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        state: 'ready',
        outputs: {
          directoryId: 'd-1234567890',
          emrClusterId: 'j-ABC',
          emrPrimaryDns: 'ip-10-0-0-1.internal',
        },
      });
    if (applied.status !== 200) {
      throw new Error(`setup failed: ${JSON.stringify(applied.body)}`);
    }
  });

  beforeEach(() => {
    workspaces.reset();
    directories.reset();
    emr.reset();
    workspaces.on(DescribeWorkspacesCommand).callsFake(() =>
      slow({
        Workspaces: [
          {
            WorkspaceId: 'ws-1',
            UserName: 'dave',
            State: 'AVAILABLE',
            WorkspaceProperties: { RunningMode: 'AUTO_STOP' },
          },
        ],
      }),
    );
    directories.on(DescribeDirectoriesCommand).callsFake(() =>
      slow({
        DirectoryDescriptions: [
          { DirectoryId: 'd-1234567890', Stage: 'Active' },
        ],
      }),
    );
    emr
      .on(DescribeClusterCommand)
      .callsFake(() =>
        slow({ Cluster: { Status: { State: 'WAITING' } } } as any),
      );
  });

  it('serves 200 concurrent views with one AWS fetch, then again after the TTL', async () => {
    const view = () =>
      request(server)
        .get(`/api/enclave/environments/${envId}/status`)
        .set('Authorization', mockCredentials.user.header(TEST_USERS.alice));

    const burst = await Promise.all(Array.from({ length: 200 }, view));
    expect(burst.every(r => r.status === 200)).toBe(true);
    expect(burst[0].body).toMatchObject({
      planned: false,
      directory: { directoryId: 'd-1234567890', stage: 'Active' },
      emr: {
        clusterId: 'j-ABC',
        state: 'WAITING',
        primaryDns: 'ip-10-0-0-1.internal',
      },
      desktopCounts: { AVAILABLE: 1 },
      workspaces: [
        {
          username: 'dave',
          workspaceId: 'ws-1',
          state: 'AVAILABLE',
          runningMode: 'AUTO_STOP',
        },
      ],
    });
    // One fetch = one call per service (the desktops are one batched call).
    expect(workspaces.commandCalls(DescribeWorkspacesCommand)).toHaveLength(1);
    expect(directories.commandCalls(DescribeDirectoriesCommand)).toHaveLength(
      1,
    );
    expect(emr.commandCalls(DescribeClusterCommand)).toHaveLength(1);
    expect(
      workspaces.commandCalls(DescribeWorkspacesCommand)[0].args[0].input,
    ).toEqual({ WorkspaceIds: ['ws-1'] });

    // Within the TTL: served from the cache.
    await Promise.all(Array.from({ length: 20 }, view));
    expect(awsCalls()).toBe(3);

    // After the TTL (1 s here): exactly one more fetch for the next burst.
    await new Promise(resolve => setTimeout(resolve, 1200));
    await Promise.all(Array.from({ length: 50 }, view));
    expect(awsCalls()).toBe(6);
  });

  it('refuses status to a non-owner without touching AWS', async () => {
    const res = await request(server)
      .get(`/api/enclave/environments/${envId}/status`)
      .set('Authorization', mockCredentials.user.header(TEST_USERS.bob));
    expect(res.status).toBe(403);
    expect(awsCalls()).toBe(0);
  });
});

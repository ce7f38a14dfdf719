/*
 * POST /environments/:id/spark/start through the real backend (real
 * permission backend and policy, mock SQLite). Mocked AWS: EMR on
 * aws-sdk-client-mock (`emr` below), answering ListClusters, DescribeCluster
 * and RunJobFlow as the EMR model (botocore emr/2009-03-31/service-2.json)
 * shapes them: ListClusters -> Clusters[], RunJobFlow -> JobFlowId.
 */
import {
  DescribeClusterCommand,
  EMRClient,
  ListClustersCommand,
  RunJobFlowCommand,
} from '@aws-sdk/client-emr';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CreateEnvironmentRequest } from '@data-enclave/plugin-enclave-common';
import { exampleEmrLaunchSpec } from '@data-enclave/plugin-enclave-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import {
  startEnclaveTestBackend,
  TEST_ADMIN_GROUP,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';

const emr = mockClient(EMRClient);
const service = () => mockCredentials.service.header();
const user = (ref: string) => mockCredentials.user.header(ref);

/** The stack's emr_launch_spec output as terraform prints it (enclave-node stack/emrLaunchSpec.ts). */
const LAUNCH_SPEC = exampleEmrLaunchSpec({
  accountId: '123456789012',
  tags: { 'enclave:environment': 'analytics' },
});

const environmentBody: CreateEnvironmentRequest = {
  name: 'analytics',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  stackVersion: '1.0.0',
  spec: { name: 'analytics' },
  state: 'provisioning',
  members: [],
  initiator: TEST_USERS.alice,
  taskId: 'task-1',
};

async function createEnvironment(
  server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'],
  body: CreateEnvironmentRequest,
): Promise<string> {
  const created = await request(server)
    .post('/api/enclave/environments')
    .set('Authorization', service())
    .send(body);
  if (created.status !== 201) {
    throw new Error(`setup failed: ${JSON.stringify(created.body)}`);
  }
  return created.body.id;
}

const start = (
  server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'],
  id: string,
  who: string,
) =>
  request(server)
    .post(`/api/enclave/environments/${id}/spark/start`)
    .set('Authorization', user(who));

describe('POST /environments/:id/spark/start in apply mode', () => {
  let server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];
  let envId: string;

  beforeAll(async () => {
    ({ server } = await startEnclaveTestBackend({
      config: {
        dataEnclave: {
          mode: 'apply',
          adminGroup: TEST_ADMIN_GROUP,
          status: { cacheTtlSeconds: 30 },
          terraform: { backend: { type: 'local', allowLocalState: true } },
        },
      },
    }));
    envId = await createEnvironment(server, environmentBody);
  });

  beforeEach(() => {
    emr.reset();
    emr.on(ListClustersCommand).resolves({ Clusters: [] });
    emr.on(RunJobFlowCommand).resolves({ JobFlowId: 'j-NEW' });
  });

  it('answers 409 while the environment is busy, with no AWS call', async () => {
    const res = await start(server, envId, TEST_USERS.alice);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'environment analytics is provisioning; start Spark once that operation has finished',
    );
    expect(emr.calls()).toHaveLength(0);
  });

  it('refuses a caller without manage permission (403), with no AWS call', async () => {
    const res = await start(server, envId, TEST_USERS.bob);
    expect(res.status).toBe(403);
    expect(emr.calls()).toHaveLength(0);
  });

  it('starts the cluster from the recorded launch spec once ready, and does not start a second one', async () => {
    const ready = await request(server)
      .patch(`/api/enclave/environments/${envId}/state`)
      .set('Authorization', service())
      .send({ state: 'ready', outputs: { emrLaunchSpec: LAUNCH_SPEC } });
    expect(ready.status).toBe(200);

    const res = await start(server, envId, TEST_USERS.alice);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 202,
      body: { state: 'STARTING', clusterId: 'j-NEW', started: true },
    });
    const [call] = emr.commandCalls(RunJobFlowCommand);
    expect(call.args[0].input).toMatchObject({
      Name: 'enclave-analytics',
      ServiceRole: LAUNCH_SPEC.service_role,
      SecurityConfiguration: 'enclave-analytics-at-rest',
      AutoTerminationPolicy: { IdleTimeout: 3600 },
    });

    // A second click while it runs: the running cluster is answered.
    emr.reset();
    emr.on(ListClustersCommand).resolves({
      Clusters: [
        {
          Id: 'j-NEW',
          Name: 'enclave-analytics',
          Status: { State: 'WAITING' },
        },
      ],
    });
    emr.on(DescribeClusterCommand).resolves({
      Cluster: {
        Id: 'j-NEW',
        Name: 'enclave-analytics',
        Status: { State: 'WAITING' },
        Tags: [{ Key: 'enclave:environment', Value: 'analytics' }],
      },
    });
    const again = await start(server, envId, TEST_USERS.alice);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ started: false, clusterId: 'j-NEW' });
    expect(emr.commandCalls(RunJobFlowCommand)).toHaveLength(0);
  });

  it('answers 409 naming emr_launch_spec when the stack recorded none', async () => {
    const id = await createEnvironment(server, {
      ...environmentBody,
      name: 'no-spec',
      state: 'ready',
    });
    const res = await start(server, id, TEST_USERS.carol);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /emr_launch_spec is missing or invalid .*before starting Spark/,
    );
    expect(emr.calls()).toHaveLength(0);
  });
});

describe('POST /environments/:id/spark/start in plan mode', () => {
  it('answers 409 "plan mode: nothing to start" without any AWS call', async () => {
    const { server } = await startEnclaveTestBackend();
    const id = await createEnvironment(server, {
      ...environmentBody,
      state: 'planned',
    });
    emr.reset();
    const res = await start(server, id, TEST_USERS.alice);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/^plan mode: nothing to start\./);
    expect(emr.calls()).toHaveLength(0);
  });
});

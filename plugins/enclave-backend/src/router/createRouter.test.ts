import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CreateEnvironmentRequest } from '@data-enclave/plugin-enclave-common';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';

const databases = createEnclaveTestDatabases();
// Mocked AWS: Secrets Manager answers with the stored initial password.
const secretsManager = mockClient(SecretsManagerClient);
const PASSWORD = 'Initial-Pa55word!';

const service = () => mockCredentials.service.header();
const user = (ref: string) => mockCredentials.user.header(ref);

const environmentBody: CreateEnvironmentRequest = {
  name: 'analytics',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  stackVersion: '1.0.0',
  spec: { name: 'analytics' },
  state: 'planned',
  stateReason: 'plan mode',
  members: [
    {
      entityRef: TEST_USERS.dave,
      username: 'dave',
      secretName: 'enclave/analytics/dave',
    },
  ],
  initiator: TEST_USERS.alice,
  taskId: 'task-1',
};

describe.each(databases.eachSupportedId())('enclave API on %s', dbId => {
  let server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];
  let envId: string;

  beforeAll(async () => {
    const knex = await databases.init(dbId);
    ({ server } = await startEnclaveTestBackend({ knex }));
    const created = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', service())
      .send(environmentBody);
    if (created.status !== 201) {
      throw new Error(`setup failed: ${JSON.stringify(created.body)}`);
    }
    envId = created.body.id;
  });

  beforeEach(() => {
    secretsManager.reset();
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'enclave/analytics/dave' })
      .resolves({
        SecretString: JSON.stringify({ username: 'dave', password: PASSWORD }),
      });
  });

  it('answers 401 without a token', async () => {
    for (const path of [
      '/api/enclave/environments',
      `/api/enclave/environments/${envId}`,
      `/api/enclave/environments/${envId}/status`,
    ]) {
      const res = await request(server).get(path);
      expect(res.status).toBe(401);
    }
    const health = await request(server).get('/api/enclave/health');
    expect(health.status).toBe(200);
  });

  const refusal = expect.stringContaining(
    'it belongs to group:default/data-science',
  );
  it.each([
    ['the owner', TEST_USERS.alice, 200, undefined],
    ['an admin', TEST_USERS.carol, 200, undefined],
    ['a non-owner', TEST_USERS.bob, 403, refusal],
  ])('lets %s read the environment: %p', async (_who, ref, expected, error) => {
    for (const suffix of ['', '/operations', '/status']) {
      const res = await request(server)
        .get(`/api/enclave/environments/${envId}${suffix}`)
        .set('Authorization', user(ref));
      expect(res.status).toBe(expected);
      // A refusal says why and whom to ask; an answer carries no error.
      expect(res.body.error?.message).toEqual(error);
    }
    const byName = await request(server)
      .get('/api/enclave/environments/by-name/data-science/analytics')
      .set('Authorization', user(ref));
    expect(byName.status).toBe(expected);
  });

  it('filters the list to what the caller may read', async () => {
    const visible = async (auth: string) =>
      (
        await request(server)
          .get('/api/enclave/environments?owner=data-science')
          .set('Authorization', auth)
      ).body.items.map((e: { id: string }) => e.id);
    expect(await visible(user(TEST_USERS.alice))).toEqual([envId]);
    expect(await visible(user(TEST_USERS.carol))).toEqual([envId]);
    expect(await visible(user(TEST_USERS.bob))).toEqual([]);
    expect(await visible(service())).toEqual([envId]);
  });

  it('serves status without any AWS call for a planned environment', async () => {
    const res = await request(server)
      .get(`/api/enclave/environments/${envId}/status`)
      .set('Authorization', user(TEST_USERS.alice));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ planned: true, workspaces: [] });
    expect(res.body.reason).toBe('plan mode');
  });

  it('refuses POST and PATCH to users and allows them to services', async () => {
    const post = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', user(TEST_USERS.alice))
      .send({ ...environmentBody, name: 'by-user' });
    expect(post.status).toBe(403);
    expect(post.body.error.message).toContain('scaffolder actions');

    const patchByUser = await request(server)
      .patch(`/api/enclave/environments/${envId}/state`)
      .set('Authorization', user(TEST_USERS.carol))
      .send({ phase: 'network' });
    expect(patchByUser.status).toBe(403);

    const patch = await request(server)
      .patch(`/api/enclave/environments/${envId}/state`)
      .set('Authorization', service())
      .send({
        phase: 'network',
        operation: {
          kind: 'drift-check',
          initiator: TEST_USERS.alice,
          result: 'succeeded',
        },
      });
    expect(patch.status).toBe(200);
    expect(patch.body.phase).toBe('network');

    const invalid = await request(server)
      .patch(`/api/enclave/environments/${envId}/state`)
      .set('Authorization', service())
      .send({ state: 'exploded' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(
      /^invalid environment change: state:/,
    );
  });

  it('answers 409 with a clear message for a duplicate name', async () => {
    const res = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', service())
      .send(environmentBody);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'environment data-science/analytics already exists (state planned); pick another name or destroy it first',
    );
    const missing = await request(server)
      .get('/api/enclave/environments/by-name/data-science/nope')
      .set('Authorization', service());
    expect(missing.status).toBe(404);
  });

  it('reveals an initial credential to that user only, once, audited', async () => {
    const path = `/api/enclave/environments/${envId}/users/dave/initial-credential`;
    for (const auth of [
      user(TEST_USERS.bob),
      user(TEST_USERS.alice), // owner of the environment, but not dave
      user(TEST_USERS.carol), // admin, but not dave
      service(),
    ]) {
      const res = await request(server).post(path).set('Authorization', auth);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    }
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);

    const first = await request(server)
      .post(path)
      .set('Authorization', user(TEST_USERS.dave));
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toMatchObject({
      environmentId: envId,
      username: 'dave',
      password: PASSWORD,
    });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    const second = await request(server)
      .post(path)
      .set('Authorization', user(TEST_USERS.dave));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('already revealed');
    expect(JSON.stringify(second.body)).not.toContain(PASSWORD);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    const ops = await request(server)
      .get(`/api/enclave/environments/${envId}/operations`)
      .set('Authorization', user(TEST_USERS.alice));
    const reveals = ops.body.items.filter(
      (o: { kind: string }) => o.kind === 'reveal-credential',
    );
    expect(reveals).toEqual([
      expect.objectContaining({
        initiator: TEST_USERS.dave,
        result: 'succeeded',
      }),
    ]);
    expect(JSON.stringify(ops.body)).not.toContain(PASSWORD);
    const env = await request(server)
      .get(`/api/enclave/environments/${envId}`)
      .set('Authorization', user(TEST_USERS.dave));
    expect(env.body.members[0].credentialDeliveredAt).toBe(
      first.body.deliveredAt,
    );
  });
});

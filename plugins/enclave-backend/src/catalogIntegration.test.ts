import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { ResponseError } from '@backstage/errors';
import { EnclaveClient } from '@data-enclave/plugin-enclave-common';
import catalogModuleEnclave from '@data-enclave/plugin-catalog-backend-module-enclave';
import request from 'supertest';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from './__testUtils__/startEnclaveTestBackend';

jest.setTimeout(60_000);

/**
 * The real catalog with the enclave entity provider and the enclave plugin:
 * an environment created through the API (with the typed client) appears as a
 * Resource, and disappears when destroyed. No git, no shared database.
 */
describe('catalog integration', () => {
  let server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];
  let client: EnclaveClient;

  beforeAll(async () => {
    ({ server } = await startEnclaveTestBackend({
      features: [
        catalogBackend,
        catalogModuleEnclave,
        mockServices.rootLogger.factory({ level: 'warn' }),
      ],
      config: { catalog: { processingInterval: { seconds: 1 } } },
    }));
    const baseUrl = `http://localhost:${server.port()}/api/enclave`;
    // What a scaffolder action does: the typed client with a service token.
    client = new EnclaveClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as Record<string, string>),
              Authorization: mockCredentials.service.header(),
            },
          }),
      },
    });
  });

  async function fetchEntity(name: string) {
    return request(server)
      .get(`/api/catalog/entities/by-name/resource/default/${name}`)
      .set('Authorization', mockCredentials.user.header(TEST_USERS.alice));
  }

  async function poll<T>(
    what: string,
    probe: () => Promise<T | undefined>,
  ): Promise<T> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  it('shows a created environment in the catalog and removes it on destroy', async () => {
    const created = await client.createEnvironment({
      name: 'analytics',
      team: 'data-science',
      region: 'eu-west-1',
      accountId: '123456789012',
      stackVersion: '1.0.0',
      spec: { name: 'analytics' },
      members: [
        { entityRef: TEST_USERS.alice, username: 'alice' },
        { entityRef: TEST_USERS.dave, username: 'dave' },
      ],
      initiator: TEST_USERS.alice,
    });
    expect(await client.findEnvironment('data-science', 'analytics')).toEqual(
      created,
    );
    expect(
      await client.findEnvironment('data-science', 'nope'),
    ).toBeUndefined();
    await client.updateEnvironment(created.id, {
      state: 'ready',
      outputs: { vpcId: 'vpc-0abc', emrClusterId: 'j-1', directoryId: 'd-1' },
      operation: {
        kind: 'provision',
        initiator: TEST_USERS.alice,
        result: 'succeeded',
      },
    });
    expect(
      (await client.listOperations(created.id)).map(o => [o.kind, o.result]),
    ).toEqual([['provision', 'succeeded']]);

    const entity = await poll('the Resource with ready state', async () => {
      const res = await fetchEntity('data-science-analytics');
      return res.status === 200 &&
        res.body.metadata.annotations['data-enclave.io/state'] === 'ready'
        ? res.body
        : undefined;
    });
    expect(entity.spec).toMatchObject({
      type: 'data-science-environment',
      owner: 'group:default/data-science',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'data-enclave.io/registry-id': created.id,
      'data-enclave.io/vpc-id': 'vpc-0abc',
      'data-enclave.io/emr-cluster-id': 'j-1',
      'data-enclave.io/directory-id': 'd-1',
      'data-enclave.io/region': 'eu-west-1',
      'backstage.io/view-url': expect.stringContaining('VpcId=vpc-0abc'),
      'backstage.io/managed-by-location': `enclave:registry/environments/${created.id}`,
    });
    const relations = entity.relations.map(
      (r: { type: string; targetRef: string }) => `${r.type} ${r.targetRef}`,
    );
    expect(relations).toEqual(
      expect.arrayContaining([
        'ownedBy group:default/data-science',
        'dependsOn user:default/alice',
        'dependsOn user:default/dave',
      ]),
    );

    await client.updateEnvironment(created.id, {
      state: 'destroyed',
      operation: {
        kind: 'destroy',
        initiator: TEST_USERS.alice,
        result: 'succeeded',
      },
    });
    await poll('the Resource to disappear', async () =>
      (await fetchEntity('data-science-analytics')).status === 404
        ? true
        : undefined,
    );
    expect(await client.listEnvironments()).toEqual([]);
    const error = await client
      .createEnvironment({
        name: 'x',
        team: 'data-science',
        region: 'eu-west-1',
        accountId: 'not-an-account',
        stackVersion: '1',
        spec: {},
        initiator: TEST_USERS.alice,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
  });
});

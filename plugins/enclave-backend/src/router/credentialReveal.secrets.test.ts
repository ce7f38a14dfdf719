/*
 * Secret-leak suite for the reveal endpoint: the initial password leaves the
 * backend exactly once, in the reveal response to its own user. It must not
 * be stored in any registry table, nor appear in the environment, list or
 * audit-trail responses, the refused second reveal, the emitted catalog
 * entity, or anything the backend printed (stdout, stderr, console).
 */
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { environmentToEntity } from '@data-enclave/plugin-catalog-backend-module-enclave';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';

const PASSWORD = 'Reve4l-Once-0nly!x9Q-initial';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('secret leaks: initial credential reveal', () => {
  const printed: string[] = [];
  const spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    // Everything the backend prints, whichever logger transport it uses.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation(((
          chunk: any,
          ...rest: any[]
        ) => {
          printed.push(String(chunk));
          return write(chunk, ...rest);
        }) as any),
      );
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(
        jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          printed.push(args.map(String).join(' '));
        }),
      );
    }
  });
  afterAll(() => spies.forEach(s => s.mockRestore()));

  it('reveals the password once, to its user, and leaves it nowhere else', async () => {
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'enclave/analytics/dave' })
      .resolves({
        SecretString: JSON.stringify({ username: 'dave', password: PASSWORD }),
      });
    const knex = await databases.init('SQLITE_3');
    const { server } = await startEnclaveTestBackend({ knex });
    const service = mockCredentials.service.header();
    const created = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', service)
      .send({
        name: 'analytics',
        team: 'group:default/data-science',
        region: 'eu-west-1',
        accountId: '123456789012',
        stackVersion: '1.0.0',
        spec: { name: 'analytics' },
        state: 'ready',
        members: [
          {
            entityRef: TEST_USERS.dave,
            username: 'dave',
            secretName: 'enclave/analytics/dave',
          },
        ],
        initiator: TEST_USERS.alice,
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const asDave = mockCredentials.user.header(TEST_USERS.dave);
    const asAlice = mockCredentials.user.header(TEST_USERS.alice);
    const revealPath = `/api/enclave/environments/${id}/users/dave/initial-credential`;

    const first = await request(server)
      .post(revealPath)
      .set('Authorization', asDave);
    expect(first.status).toBe(200);
    expect(first.body.password).toBe(PASSWORD);
    const second = await request(server)
      .post(revealPath)
      .set('Authorization', asDave);
    expect(second.status).toBe(409);

    const responses = {
      'second reveal': second.body,
      environment: (
        await request(server)
          .get(`/api/enclave/environments/${id}`)
          .set('Authorization', asAlice)
      ).body,
      list: (
        await request(server)
          .get('/api/enclave/environments')
          .set('Authorization', asAlice)
      ).body,
      operations: (
        await request(server)
          .get(`/api/enclave/environments/${id}/operations`)
          .set('Authorization', asAlice)
      ).body,
      'by name': (
        await request(server)
          .get(
            '/api/enclave/environments/by-name/group:default%2Fdata-science/analytics',
          )
          .set('Authorization', service)
      ).body,
    };
    expect(
      responses.operations.items.some(
        (o: { kind: string }) => o.kind === 'reveal-credential',
      ),
    ).toBe(true);
    const artifacts: Array<{ name: string; text: string }> = Object.entries(
      responses,
    ).map(([name, body]) => ({
      name: `response ${name}`,
      text: JSON.stringify(body),
    }));
    artifacts.push({
      name: 'catalog entity',
      text: JSON.stringify(environmentToEntity(responses.environment)),
    });
    const tables: string[] = (
      await knex.raw("select name from sqlite_master where type = 'table'")
    ).map((t: { name: string }) => t.name);
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      const rows = await knex(table).select();
      rows.forEach((row: unknown, i: number) =>
        artifacts.push({
          name: `table ${table} row ${i}`,
          text: JSON.stringify(row),
        }),
      );
    }
    printed.forEach((text, i) =>
      artifacts.push({ name: `printed #${i}`, text }),
    );

    const leaks = artifacts
      .filter(a => a.text.includes(PASSWORD))
      .map(a => a.name);
    expect(leaks).toEqual([]);
    // Stop capturing first, so the count below reaches the test output.
    spies.forEach(s => s.mockRestore());
    // eslint-disable-next-line no-console
    console.log(
      `[secrets] credential reveal: ${artifacts.length} artifacts scanned for 1 secrets`,
    );
    secretsManager.restore();
  }, 60_000);
});

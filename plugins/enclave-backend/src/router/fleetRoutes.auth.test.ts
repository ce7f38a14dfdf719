/*
 * Who may use the fleet routes, on a real test backend: the enclave plugin,
 * the real permission backend with the enclave policy, mock auth with the
 * test users' group memberships. No terraform runs here: every request is
 * refused or invalid before a run could be queued.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startEnclaveTestBackend,
  TEST_ADMIN_GROUP,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';

const user = (ref: string) => mockCredentials.user.header(ref);
const service = () => mockCredentials.service.header();

const ROUTES: Array<{ method: 'get' | 'post'; path: string; body?: object }> = [
  { method: 'get', path: '/api/enclave/fleet' },
  { method: 'post', path: '/api/enclave/fleet/plans', body: {} },
  {
    method: 'post',
    path: '/api/enclave/fleet/rollouts',
    body: { planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01' },
  },
  {
    method: 'get',
    path: '/api/enclave/fleet/runs/6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
  },
];

type Server = Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];

function send(
  server: Server,
  route: (typeof ROUTES)[number],
  auth?: string,
  body = route.body,
) {
  const req = request(server)[route.method](route.path);
  if (auth) req.set('Authorization', auth);
  return body ? req.send(body) : req;
}

describe('fleet routes: authorization', () => {
  let server: Server;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startEnclaveTestBackend();
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  it.each(ROUTES)(
    '$method $path: 401 without credentials, 403 for a non-admin and for a service',
    async route => {
      expect((await send(server, route)).status).toBe(401);

      const bob = await send(server, route, user(TEST_USERS.bob));
      expect(bob.status).toBe(403);
      expect(bob.body.error.message).toBe(
        `the fleet is for members of ${TEST_ADMIN_GROUP} (dataEnclave.adminGroup); user:default/bob is not one. Ask the platform team to add you to that group`,
      );

      // An environment owner is not a fleet admin either.
      expect((await send(server, route, user(TEST_USERS.alice))).status).toBe(
        403,
      );

      const svc = await send(server, route, service());
      expect(svc.status).toBe(403);
      expect(svc.body.error.message).toMatch(
        /^the fleet is for platform admins signed in to Backstage; service-to-service calls are refused/,
      );
    },
  );

  it('lets an admin read the (empty) fleet', async () => {
    const res = await request(server)
      .get('/api/enclave/fleet')
      .set('Authorization', user(TEST_USERS.carol));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      targetVersion: '1.0.0',
      behind: 0,
      current: 0,
      environments: [],
    });
  });

  it.each([
    [
      '/api/enclave/fleet/plans',
      { concurrency: 0 },
      /concurrency: Number must be greater than or equal to 1/,
    ],
    [
      '/api/enclave/fleet/plans',
      { concurrency: 2, dryRun: true },
      /Unrecognized key\(s\) in object: 'dryRun'/,
    ],
    ['/api/enclave/fleet/rollouts', {}, /planRunId: Required/],
    [
      '/api/enclave/fleet/rollouts',
      { planRunId: 'latest' },
      /planRunId: Invalid uuid/,
    ],
    [
      '/api/enclave/fleet/rollouts',
      { planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01', canarySize: 0 },
      /canarySize/,
    ],
    // Well-formed, but no such plan: nothing to roll out.
    [
      '/api/enclave/fleet/rollouts',
      { planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01' },
      /is not a fleet plan; start a fleet plan \(POST \/fleet\/plans\)/,
    ],
  ])(
    'answers 400 to an admin for POST %s %j, and queues nothing',
    async (path, body, message) => {
      const res = await request(server)
        .post(path)
        .set('Authorization', user(TEST_USERS.carol))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      const fleet = await request(server)
        .get('/api/enclave/fleet')
        .set('Authorization', user(TEST_USERS.carol));
      expect(fleet.body.activeRun).toBeUndefined();
      expect(fleet.body.latestPlan).toBeUndefined();
      expect(fleet.body.latestRollout).toBeUndefined();
    },
  );

  it('answers 404 for an unknown run', async () => {
    const res = await request(server)
      .get('/api/enclave/fleet/runs/6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01')
      .set('Authorization', user(TEST_USERS.carol));
    expect(res.status).toBe(404);
  });
});

describe('fleet routes without dataEnclave.adminGroup', () => {
  it.each(ROUTES)(
    '$method $path: 403 for everyone, saying to set dataEnclave.adminGroup',
    async route => {
      const backend = await startEnclaveTestBackend({
        config: { dataEnclave: { status: { cacheTtlSeconds: 30 } } },
      });
      try {
        const res = await send(backend.server, route, user(TEST_USERS.carol));
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          'the fleet is for platform admins, and none are configured: set dataEnclave.adminGroup to the group entity ref of the platform team',
        );
      } finally {
        await backend.stop();
      }
    },
  );
});

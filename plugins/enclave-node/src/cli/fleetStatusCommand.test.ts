/*
 * `enclave fleet status` as a pipeline runs it: a child process against a
 * real loopback HTTP server standing in for the enclave backend's GET /fleet
 * (its answer typed by the shared FleetStatusResponse). The real route and
 * its admin check are tested in enclave-backend; this proves what the CLI
 * sends and prints, and that a refusal is a clear exit 2.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { FleetStatusResponse } from '@data-enclave/plugin-enclave-common';
import { runEnclaveCli } from './__testUtils__/runEnclaveCli';

const runStatus = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runEnclaveCli(['fleet', 'status', ...args], env);

const row = (name: string, stackVersion: string, behind: boolean) => ({
  environmentId: `id-${name}`,
  name,
  team: 'group:default/data-science',
  region: 'eu-west-1',
  state: 'planned' as const,
  stackVersion,
  behind,
});

const FLEET: FleetStatusResponse = {
  targetVersion: '1.1.0',
  behind: 2,
  current: 1,
  environments: [
    row('latest', '1.1.0', false),
    {
      ...row('beta', '1.0.0', true),
      lastPlan: {
        runId: '6f1c1f0e-1d7a-4c1e-9a53-3c3c0f0a0b01',
        toVersion: '1.1.0',
        status: 'destructive',
        plannedAt: '2026-12-02T05:00:00.000Z',
        planSummary: { add: 3, change: 1, destroy: 2 },
      },
    },
    {
      ...row('alpha', '1.0.0', true),
      busy: { kind: 'add-user', initiator: 'user:default/ada' },
    },
  ],
};

describe('enclave fleet status --registry', () => {
  jest.setTimeout(60_000);
  let server: Server;
  let seen: IncomingHttpHeaders | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen = req.headers;
      if (req.url !== '/api/enclave/fleet') {
        res.writeHead(404).end();
        return;
      }
      if (req.headers.authorization !== 'Bearer admin-token') {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                'the fleet is for members of group:default/platform (dataEnclave.adminGroup)',
            },
            request: { method: 'GET', url: req.url },
            response: { statusCode: 403 },
          }),
        );
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(FLEET));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise(r => server.close(r)));

  const url = () =>
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/enclave`;

  it('prints the counts and one line per environment, behind first', async () => {
    const run = await runStatus(['--registry', url()], {
      ENCLAVE_TOKEN: 'admin-token',
    });
    expect(run.code).toBe(0);
    expect(seen?.authorization).toBe('Bearer admin-token');
    expect(run.stdout.split('\n')).toEqual([
      'Fleet at stack version 1.1.0: 2 behind, 1 current',
      '  behind   alpha (group:default/data-science) 1.0.0 planned  busy: add-user by user:default/ada',
      '  behind   beta (group:default/data-science) 1.0.0 planned  last plan destructive to 1.1.0 +3 ~1 -2',
      '  current  latest (group:default/data-science) 1.1.0 planned',
      '',
    ]);
  });

  it('--json prints the backend answer as it is', async () => {
    const run = await runStatus(['--registry', url(), '--json'], {
      ENCLAVE_TOKEN: 'admin-token',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(FLEET);
  });

  it("a non-admin's token exits 2 with the backend's reason and no stack trace", async () => {
    const run = await runStatus(['--registry', url()], {
      ENCLAVE_TOKEN: 'someone-else',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refused the fleet status (403)');
    expect(run.stderr).toContain('dataEnclave.adminGroup');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('no token, or no URL, exits 2 before any request', async () => {
    seen = undefined;
    const noToken = await runStatus(['--registry', url()], {
      ENCLAVE_TOKEN: '',
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('$ENCLAVE_TOKEN');
    const badUrl = await runStatus(['--registry', 'not a url'], {
      ENCLAVE_TOKEN: 'admin-token',
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('is not a URL');
    expect(seen).toBeUndefined();
  });
});

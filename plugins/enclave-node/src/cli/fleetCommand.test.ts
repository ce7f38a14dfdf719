/*
 * `enclave fleet plan` as a pipeline runs it: a child process, real files, a
 * real loopback HTTP server standing in for the enclave backend's
 * GET /environments, and (for --specs) the real terraform plan. Bad input
 * exits 2 before any terraform run; a failed plan exits 1.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { engineAvailability } from '../stack/__testUtils__/terraformHarness';
import { REPO_ROOT, runEnclaveCli } from './__testUtils__/runEnclaveCli';

const EXAMPLE = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'examples/environment.json'), 'utf8'),
);

const runCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runEnclaveCli(['fleet', 'plan', ...args], env);

function specDir(specs: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-fleet-cli-'));
  for (const [file, spec] of Object.entries(specs)) {
    writeFileSync(
      join(dir, file),
      typeof spec === 'string' ? spec : JSON.stringify(spec),
    );
  }
  return dir;
}

describe('enclave fleet plan: input errors exit 2 before any terraform run', () => {
  jest.setTimeout(60_000);
  // A terraform that would fail loudly if it were ever started.
  const never = ['--terraform', '/nonexistent/terraform'];

  it('needs exactly one source', async () => {
    for (const args of [
      ['--to-version', '1.1.0'],
      [
        '--to-version',
        '1.1.0',
        '--specs',
        '.',
        '--registry',
        'http://127.0.0.1:1',
      ],
    ]) {
      const run = await runCli([...args, ...never]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /pass exactly one of --specs <dir> .* or --registry <url>/,
      );
    }
  });

  it('names the spec file that is invalid', async () => {
    const dir = specDir({
      'ok.json': EXAMPLE,
      'bad.yaml': 'name: Not_A_Valid_Name\nregion: mars-1\n',
    });
    const run = await runCli([
      '--specs',
      dir,
      '--to-version',
      '1.1.0',
      ...never,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(dir, 'bad.yaml'));
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('refuses an empty directory, a bad concurrency and a missing token', async () => {
    const empty = await runCli([
      '--specs',
      specDir({}),
      '--to-version',
      '1.1.0',
      ...never,
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/holds no environment specs/);
    const concurrency = await runCli([
      '--specs',
      specDir({ 'a.json': EXAMPLE }),
      '--to-version',
      '1.1.0',
      '--concurrency',
      '0',
      ...never,
    ]);
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toMatch(/--concurrency 0 is not a whole number/);
    const token = await runCli(
      [
        '--registry',
        'http://127.0.0.1:1/api/enclave',
        '--to-version',
        '1.1.0',
        ...never,
      ],
      { ENCLAVE_TOKEN: '' },
    );
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/needs a token in \$ENCLAVE_TOKEN/);
  });

  it('exits 1 and names the environment when its plan fails', async () => {
    const dir = specDir({ 'a.json': EXAMPLE });
    const run = await runCli([
      '--specs',
      dir,
      '--to-version',
      '1.1.0',
      ...never,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /failed\s+analytics \(group:default\/data-science\) 1\.0\.0 -> 1\.1\.0/,
    );
    expect(run.stderr).toMatch(
      /1 of 1 plans failed or were refused by the guardrails: analytics/,
    );
    // The failure is in the environment's audit trail next to its state.
    const audit = readFileSync(
      join(dir, 'a', 'fleet-operations.jsonl'),
      'utf8',
    );
    expect(JSON.parse(audit)).toMatchObject({
      kind: 'upgrade',
      result: 'failed',
    });
  });
});

describe('enclave fleet plan --registry', () => {
  jest.setTimeout(60_000);
  let server: Server;
  let seen: IncomingHttpHeaders | undefined;
  const now = new Date().toISOString();
  const record = (name: string, stackVersion: string, state: string) => ({
    id: `id-${name}`,
    name,
    team: 'group:default/data-science',
    region: 'eu-west-1',
    accountId: '123456789012',
    state,
    stackVersion,
    spec: { ...EXAMPLE, name, stackVersion },
    outputs: {},
    members: [],
    createdAt: now,
    updatedAt: now,
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen = req.headers;
      if (req.url !== '/api/enclave/environments') {
        res.writeHead(404).end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          items: [
            record('current', '1.1.0', 'ready'),
            record('taken', '1.0.0', 'updating'),
          ],
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise(r => server.close(r)));

  it('reads the fleet with the token and reports the busy environment as skipped', async () => {
    const { port } = server.address() as AddressInfo;
    const out = mkdtempSync(join(tmpdir(), 'enclave-fleet-reg-'));
    const run = await runCli(
      [
        '--registry',
        `http://127.0.0.1:${port}/api/enclave`,
        '--to-version',
        '1.1.0',
        '--out',
        out,
        '--json',
        '--terraform',
        '/nonexistent/terraform',
      ],
      { ENCLAVE_TOKEN: 'pipeline-token-1' },
    );
    expect(run.stderr).toContain(
      '[taken] plan skipped: busy: updating; the fleet leaves it alone, run it again once that finishes\n',
    );
    expect(run.stderr).toMatch(/the diff is against an empty state/);
    expect(run.code).toBe(0);
    expect(seen?.authorization).toBe('Bearer pipeline-token-1');
    const plan = JSON.parse(run.stdout);
    expect(plan.current.map((e: { name: string }) => e.name)).toEqual([
      'current',
    ]);
    expect(plan.environments).toEqual([
      expect.objectContaining({
        name: 'taken',
        status: 'skipped',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
      }),
    ]);
  });
});

const engine = engineAvailability();
(engine.available ? describe : describe.skip)(
  'enclave fleet plan --specs (real terraform plan)',
  () => {
    jest.setTimeout(600_000);

    it('plans the one environment behind and shows its diff; the current one is left alone', async () => {
      const dir = specDir({
        'behind.json': EXAMPLE,
        'current.yaml': `name: current\nteam: group:default/data-science\nregion: eu-west-1\naccountId: "123456789012"\nclientCidrs: ["203.0.113.0/24"]\nstackVersion: 1.1.0\n`,
      });
      const run = await runCli([
        '--specs',
        dir,
        '--to-version',
        '1.1.0',
        '--concurrency',
        '2',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Fleet plan to stack version 1\.1\.0: 1 behind, 1 current \(concurrency 2\)\n/,
      );
      expect(run.stdout).toMatch(
        /safe\s+analytics \(group:default\/data-science\) 1\.0\.0 -> 1\.1\.0 \+\d+ ~0 -0/,
      );
      expect(run.stdout).toMatch(
        /current\s+current \(group:default\/data-science\) 1\.1\.0/,
      );
      expect(run.stderr).toMatch(/\[analytics\] plan init/);
      expect(
        existsSync(join(dir, 'behind', 'stacks', 'analytics', 'cdk.tf.json')),
      ).toBe(true);
      const audit = JSON.parse(
        readFileSync(join(dir, 'behind', 'fleet-operations.jsonl'), 'utf8'),
      );
      expect(audit).toMatchObject({
        kind: 'upgrade',
        result: 'succeeded',
        detail: { fleet: 'plan', status: 'safe' },
      });
      expect(existsSync(join(dir, 'current', 'fleet-operations.jsonl'))).toBe(
        false,
      );
    });
  },
);

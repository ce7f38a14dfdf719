// Multi-replica durability suite: real Backstage backends (packages/backend,
// the same wiring as `yarn start`) on one throwaway PostgreSQL, and one on the
// embedded SQLite default. Terraform is the STAND-IN in standInTerraform.js
// (kill timing), replaying a plan recorded with the REAL terraform.
// Run through scripts/multi-replica-test.sh. Prints `multi-replica: N passed, M failed`.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { judgeRounds, parseRounds } from './rounds.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BACKEND_DIR = join(ROOT, 'packages/backend');
const PG = process.env.ENCLAVE_TEST_POSTGRES;
const RECONCILE_SECONDS = 4;
const T0 = Date.now();
const work = mkdtempSync(join(tmpdir(), 'enclave-mr-'));
// Every replica's temp files (scaffolder workspaces, terraform run dirs) land
// here, so the secret scan covers all of them.
const replicaTmp = join(work, 'tmp');
const slowDir = join(work, 'slow');
for (const d of [replicaTmp, slowDir]) mkdirSync(d, { recursive: true });
const passwordsFile = join(work, 'passwords.txt'); // outside every scanned dir
const tfLog = join(work, 'terraform.log');
const results = [];
const t = () => `${((Date.now() - T0) / 1000).toFixed(0)}s`;
const say = m => console.log(`[multi-replica ${t()}] ${m}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function check(name, ok, detail = '') {
  results.push({ name, ok });
  say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

// ---- the recorded real plan (runs while the replicas boot) -----------------
const planJson = join(work, 'recorded-plan.json');
function recordRealPlan() {
  const out = join(work, 'real-plan');
  say(
    'recording one REAL terraform plan (enclave plan, offline mirror) while the replicas start',
  );
  return new Promise(res => {
    const child = spawn(
      'yarn',
      ['enclave', 'plan', '--spec', 'examples/environment.json', '--out', out],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ENCLAVE_TERRAFORM_TMPDIR: join(work, 'cli-runs'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('close', code => {
      const recorded = stdout.trim().split('\n').pop();
      const ok = code === 0 && !!recorded && existsSync(recorded);
      if (ok) writeFileSync(planJson, readFileSync(recorded));
      else console.error(stderr.split('\n').slice(-15).join('\n'));
      check(
        'a real terraform plan of the example environment (recorded for the stand-in)',
        ok,
      );
      res(ok);
    });
  });
}

// ---- replicas ---------------------------------------------------------------
const replicas = {};
function configFor(name, port, db) {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'backend:',
      `  baseUrl: http://127.0.0.1:${port}`,
      // The production file says `listen: ':7007'`; a string overrides it.
      db === 'prod'
        ? `  listen: '127.0.0.1:${port}'`
        : `  listen: { port: ${port}, host: 127.0.0.1 }`,
      '  database:',
      ...(db === 'prod'
        ? [
            '    client: pg',
            `    connection: '${PG}'`,
            `    prefix: mr${process.pid}prod_`,
            'auth:',
            '  providers:',
            '    github:',
            '      production:',
            // Stand-in OAuth app: the test only reads the redirect to GitHub.
            '        clientId: stand-in-client-id',
            '        clientSecret: stand-in-client-secret',
          ]
        : db === 'pg'
        ? [
            '    client: pg',
            `    connection: '${PG}'`,
            `    prefix: mr${process.pid}_`,
          ]
        : [
            '    client: better-sqlite3',
            `    connection: { directory: '${join(work, 'sqlite')}' }`,
          ]),
      'scaffolder:',
      '  EXPERIMENTAL_recoverTasks: true',
      // Not lower: under load a live task's heartbeat can lag by seconds, and a
      // too-short timeout lets a second replica run the same task concurrently.
      '  EXPERIMENTAL_recoverTasksTimeout: { seconds: 30 }',
      '  EXPERIMENTAL_gracefulShutdown: true',
      'dataEnclave:',
      '  terraform:',
      `    binary: '${join(
        ROOT,
        'scripts/multi-replica/standInTerraform.js',
      )}'`,
      `    workDir: '${join(work, 'work')}'`,
      `    pluginCacheDir: '${join(work, 'plugin-cache')}'`,
      `  operations: { heartbeatSeconds: 2, staleAfterSeconds: 60, reconcileInterval: { seconds: ${RECONCILE_SECONDS} } }`,
      '',
    ].join('\n'),
  );
  return file;
}

function start(name, port, db) {
  const log = join(work, `${name}.log`);
  appendFileSync(log, `\n---- start ${new Date().toISOString()}\n`);
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      ...(db === 'prod'
        ? ['--config', '../../app-config.production.yaml']
        : []),
      '--config',
      configFor(name, port, db),
    ],
    {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        NODE_ENV: db === 'prod' ? 'production' : 'development',
        // Its own temp dir, as on its own machine (workspaces are per machine).
        TMPDIR: join(replicaTmp, name),
        MR_PLAN_JSON: planJson,
        MR_LOG: tfLog,
        MR_PASSWORDS: passwordsFile,
        MR_SLOW_DIR: slowDir,
        MR_SLOW_SECONDS: '120',
        MR_DESTROY_SECONDS: '8',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', d => appendFileSync(log, d));
  child.stderr.on('data', d => appendFileSync(log, d));
  delete tokens[name]; // a fresh sign-in per process
  mkdirSync(join(replicaTmp, name), { recursive: true });
  replicas[name] = {
    name,
    port,
    db,
    child,
    pid: child.pid,
    log,
    url: `http://127.0.0.1:${port}`,
  };
  return replicas[name];
}

async function healthy(r, ms = 600_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (r.child.exitCode !== null)
      throw new Error(`${r.name} exited; see ${r.log}`);
    try {
      const res = await fetch(`${r.url}/api/enclave/health`);
      if (res.ok) return;
    } catch {}
    await sleep(1000);
  }
  throw new Error(`${r.name} not healthy; see ${r.log}`);
}

async function stop(r, signal) {
  r.child.kill(signal);
  await new Promise(res =>
    r.child.exitCode !== null || r.child.signalCode !== null
      ? res()
      : r.child.once('exit', res),
  );
}

const tokens = {};
async function api(r, method, path, body) {
  tokens[r.name] ??= (
    await (
      await fetch(`${r.url}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      })
    ).json()
  ).backstageIdentity.token;
  const res = await fetch(`${r.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${tokens[r.name]}`,
      'Content-Type': 'application/json',
    },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

async function waitFor(what, fn, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(1000);
  }
}

const provisionValues = name => ({
  name,
  owner: 'group:default/data-science',
  region: 'eu-west-1',
  users: ['user:default/ada.lovelace'],
  clientCidrs: ['203.0.113.0/24'],
  emrInstanceType: 'm5.xlarge',
  emrCoreNodeCount: 2,
  workspacesBundleName: 'Standard with Ubuntu 22.04',
  workspacesComputeType: 'PERFORMANCE',
  workspacesAutoStopMinutes: 60,
});
async function createTask(r, template, values) {
  const res = await api(r, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef: `template:default/${template}`,
    values,
  });
  if (res.status !== 201)
    throw new Error(
      `task not created on ${r.name}: ${res.status} ${JSON.stringify(
        res.body,
      )}`,
    );
  return res.body.id;
}
async function taskEnd(r, id, ms = 180_000) {
  const task = await waitFor(
    `task ${id}`,
    async () => {
      const res = await api(r, 'GET', `/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(res.body.status)
        ? res.body
        : undefined;
    },
    ms,
  );
  const ev = await api(r, 'GET', `/api/scaffolder/v2/tasks/${id}/events`);
  const log = (ev.body ?? []).map(e => e.body?.message ?? '').join('\n');
  return { status: task.status, log };
}
async function environment(r, name) {
  const res = await api(
    r,
    'GET',
    `/api/enclave/environments/by-name/data-science/${name}`,
  );
  return res.status === 200 ? res.body : undefined;
}
// Ground truth straight from the suite's PostgreSQL databases.
const pgBin = tool =>
  readdirSync('/usr/lib/postgresql')
    .map(v => `/usr/lib/postgresql/${v}/bin/${tool}`)
    .find(existsSync);
function psql(sql, database = `mr${process.pid}_enclave`) {
  const r = spawnSync(pgBin('psql'), [`${PG}/${database}`, '-At', '-c', sql], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}
function allNamed(name) {
  return psql(`select state from environments where name = '${name}'`).map(
    state => ({ state }),
  );
}
// The busy states (BUSY_STATES in plugins/enclave-common/src/registry.ts).
const BUSY = ['provisioning', 'updating', 'destroying'];
// Every row of every database the replicas used (the scaffolder's tasks and
// checkpoints, the catalog, the enclave registry), decompressed by pg_dump
// and kept in memory: a secret in a TOASTed value escapes a scan of files.
function databaseDumps() {
  return psql(
    `select datname from pg_database where datname like 'mr${process.pid}\\_%'`,
    'postgres',
  ).map(db => {
    const r = spawnSync(pgBin('pg_dump'), ['--data-only', `${PG}/${db}`], {
      encoding: 'latin1',
      maxBuffer: 512 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`pg_dump ${db}: ${r.stderr}`);
    return { db, text: r.stdout };
  });
}
// A guest token carries the ownership refs the catalog knew at sign-in, and
// provision checks the owner team in them: sign in again until examples/org.yaml
// has been read and the guest is in group:default/data-science, or a task made
// right after start-up is refused (as it would be for a real outsider).
async function guestInTeam(r) {
  await waitFor(`the guest's groups on ${r.name}`, async () => {
    const { backstageIdentity } = await (
      await fetch(`${r.url}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      })
    ).json();
    if (
      !backstageIdentity.identity.ownershipEntityRefs.includes(
        provisionValues('').owner,
      )
    )
      return false;
    tokens[r.name] = backstageIdentity.token;
    return true;
  });
}

async function templatesLoaded(r) {
  await guestInTeam(r);
  for (const tpl of [
    'data-science-environment',
    'data-science-environment-users',
    'data-science-environment-decommission',
  ]) {
    await waitFor(
      `template ${tpl} on ${r.name}`,
      async () =>
        (
          await api(
            r,
            'GET',
            `/api/catalog/entities/by-name/template/default/${tpl}`,
          )
        ).status === 200,
    );
  }
}
const ownerAlive = pid => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
function orphans(ownerPid) {
  const found = [];
  for (const p of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      if (
        readFileSync(`/proc/${p}/environ`, 'latin1')
          .split('\0')
          .includes(`ENCLAVE_RUN_OWNER=${ownerPid}`)
      )
        found.push(Number(p));
    } catch {}
  }
  return found;
}
function filesContaining(dir, secrets, skip = []) {
  const hits = [];
  const walk = d => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (skip.includes(p)) continue;
      let s;
      try {
        s = statSync(p);
      } catch {
        continue;
      }
      if (s.isDirectory()) walk(p);
      else if (s.isFile() && s.size < 64 * 1024 * 1024) {
        const text = readFileSync(p, 'latin1');
        if (secrets.some(x => text.includes(x))) hits.push(p);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return hits;
}

function finish() {
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  for (const r of Object.values(replicas))
    if (r.child.exitCode === null) r.child.kill('SIGKILL');
  console.log(
    `multi-replica: ${passed} passed, ${failed} failed (${t()}; logs in ${work})`,
  );
  // For scripts/lib/summary.js (scripts/test.sh sets the path).
  if (process.env.ENCLAVE_MR_RESULTS) {
    writeFileSync(
      process.env.ENCLAVE_MR_RESULTS,
      JSON.stringify({
        passed,
        failed,
        seconds: Math.round((Date.now() - T0) / 1000),
        checks: results,
        logs: work,
      }),
    );
  }
  process.exit(failed ? 1 : 0);
}

// ---- scenarios --------------------------------------------------------------
try {
  if (!PG)
    throw new Error(
      'ENCLAVE_TEST_POSTGRES is not set (scripts/multi-replica-test.sh starts a throwaway PostgreSQL)',
    );
  // The embedded default and replica A start together; B after A migrated the
  // empty database (the documented procedure: Backstage's core plugins race
  // on concurrent first migrations, see docs/operations.md).
  const recording = recordRealPlan();
  const S = start('sqlite', 7121, 'sqlite');
  const A = start('a', 7111, 'pg');
  await healthy(A);
  const B = start('b', 7112, 'pg');
  await healthy(S);
  await templatesLoaded(S);
  if (!(await recording))
    throw new Error('no recorded plan: the stand-in cannot answer show -json');

  // Embedded default: the registry and the entity survive a restart.
  {
    const id = await createTask(
      S,
      'data-science-environment',
      provisionValues('survivor'),
    );
    const end = await taskEnd(S, id);
    await stop(S, 'SIGTERM');
    const S2 = start('sqlite', 7121, 'sqlite');
    await healthy(B);
    await templatesLoaded(B);
    await templatesLoaded(A);
    // (S2 restarts while the PostgreSQL scenarios run.)
    replicas.sqlitePending = {
      child: S2.child,
      promise: healthy(S2).then(async () => {
        const env = await waitFor(
          'survivor after restart',
          () => environment(S2, 'survivor'),
          90_000,
        ).catch(() => undefined);
        const entity = await waitFor(
          'entity after restart',
          async () =>
            (
              await api(
                S2,
                'GET',
                '/api/catalog/entities/by-name/resource/default/data-science-survivor',
              )
            ).status === 200,
          60_000,
        ).catch(() => false);
        check(
          'embedded SQLite default: the registry and the catalog entity survive a restart',
          end.status === 'completed' &&
            env?.state === 'planned' &&
            entity === true,
          `task ${end.status}, after restart state ${env?.state}, entity ${entity}`,
        );
        await stop(S2, 'SIGTERM');
      }),
    };
  }

  // The production config (app-config.production.yaml, NODE_ENV=production)
  // offers no guest sign-in; it boots beside the PostgreSQL scenarios.
  {
    const P = start('prod', 7131, 'prod');
    replicas.prodPending = {
      child: P.child,
      promise: healthy(P)
        .then(async () => {
          const get = path =>
            fetch(`${P.url}${path}`, {
              redirect: 'manual',
              headers: { 'X-Requested-With': 'XMLHttpRequest' },
            });
          const guest = await get('/api/auth/guest/refresh');
          const guestText = await guest.text();
          const github = await get('/api/auth/github/start?env=production');
          const location = github.headers.get('location') ?? '';
          const catalog = await get('/api/catalog/entities');
          check(
            'production config: no guest sign-in (guest unknown, GitHub sign-in wired, no anonymous catalog)',
            guest.status === 404 &&
              /Unknown auth provider 'guest'/.test(guestText) &&
              github.status === 302 &&
              location.startsWith('https://github.com/login/oauth/authorize') &&
              catalog.status === 401,
            `guest ${guest.status}, github start ${
              github.status
            } to ${location.slice(0, 40)}, catalog ${catalog.status}`,
          );
          await stop(P, 'SIGTERM');
        })
        .catch(error =>
          check(
            'production config: no guest sign-in (guest unknown, GitHub sign-in wired, no anonymous catalog)',
            false,
            `${error.message}; see ${P.log}`,
          ),
        ),
    };
  }

  // Same-name race across replicas.
  {
    const ids = await Promise.all(
      [A, B].map(r =>
        createTask(r, 'data-science-environment', provisionValues('race')),
      ),
    );
    const ends = await Promise.all(ids.map((id, i) => taskEnd([A, B][i], id)));
    const records = allNamed('race');
    const loser = ends.find(e => e.status === 'failed');
    check(
      'same-name race: exactly one record, one task planned',
      records.length === 1 &&
        records[0].state === 'planned' &&
        ends.filter(e => e.status === 'completed').length === 1,
      `records ${records.length}, tasks ${ends.map(e => e.status)}`,
    );
    check(
      "same-name race: the loser reads the server's reason",
      !!loser &&
        /already exists.*pick another name|wait for that task to finish/.test(
          loser.log,
        ),
      loser?.log
        .split('\n')
        .filter(l => /exists|wait/.test(l))
        .slice(-1)[0],
    );
  }

  // Four tasks split across replicas all finish.
  {
    const names = ['four-1', 'four-2', 'four-3', 'day2-env'];
    const ids = await Promise.all(
      names.map((n, i) =>
        createTask(
          [A, B][i % 2],
          'data-science-environment',
          provisionValues(n),
        ),
      ),
    );
    const ends = await Promise.all(
      ids.map((id, i) => taskEnd([A, B][i % 2], id)),
    );
    const owners = new Set(
      readFileSync(tfLog, 'utf8')
        .trim()
        .split('\n')
        .map(JSON.parse)
        .filter(l => names.includes(l.env) && l.command === 'plan')
        .map(l => l.owner),
    );
    const states = await Promise.all(names.map(n => environment(A, n)));
    check(
      '4 tasks across replicas all finish (planned)',
      ends.every(e => e.status === 'completed') &&
        states.every(s => s?.state === 'planned'),
      `${ends.map(e => e.status)}; ran on ${owners.size} replica(s)`,
    );
  }

  // Two concurrent day-2 tasks on one environment: exactly one starts.
  {
    const ref = 'resource:default/data-science-day2-env';
    await waitFor(
      'day2 entity',
      async () =>
        (
          await api(
            A,
            'GET',
            '/api/catalog/entities/by-name/resource/default/data-science-day2-env',
          )
        ).status === 200,
    );
    const destroyId = await createTask(
      A,
      'data-science-environment-decommission',
      { environment: ref, confirmName: 'day2-env' },
    );
    await waitFor(
      'destroy holds the environment',
      async () => (await environment(A, 'day2-env'))?.state === 'destroying',
      60_000,
    );
    const addId = await createTask(B, 'data-science-environment-users', {
      environment: ref,
      operation: 'add',
      users: ['user:default/alan.turing'],
    });
    const [d, u] = await Promise.all([
      taskEnd(A, destroyId),
      taskEnd(B, addId),
    ]);
    check(
      'two concurrent day-2 tasks: exactly one starts',
      d.status === 'completed' &&
        u.status === 'failed' &&
        /is destroying \(destroy by .*wait for that task to finish/.test(u.log),
      `destroy ${d.status}, users:add ${u.status}: ${
        u.log
          .split('\n')
          .filter(l => /destroying/.test(l))
          .slice(-1)[0] ?? ''
      }`,
    );
  }

  // SIGKILL, then SIGTERM, of the replica running a plan. The victim boots
  // again (its start sweeps its run dirs) while the next scenario starts on
  // the other replica.
  let booting; // { replica, ready }
  for (const signal of ['SIGKILL', 'SIGTERM']) {
    const name = `kill-${signal.toLowerCase()}`;
    writeFileSync(join(slowDir, `${name}.slow`), '');
    const id = await createTask(
      booting?.replica === A ? B : A,
      'data-science-environment',
      provisionValues(name),
    );
    const slow = await waitFor(
      `${name} plan running`,
      async () =>
        existsSync(join(slowDir, `${name}.pid`)) &&
        JSON.parse(readFileSync(join(slowDir, `${name}.pid`), 'utf8')),
      90_000,
    );
    const victim = [A, B].find(r => r.pid === Number(slow.owner));
    const survivor = victim === A ? B : A;
    say(
      `${signal} ${victim.name} (pid ${victim.pid}) during plan (stand-in pid ${slow.pid})`,
    );
    const killedAt = Date.now();
    await stop(victim, signal);
    if (booting?.replica === survivor) await booting.ready;
    // The survivor either resumes the task (recovery) or the environment is
    // released as failed (task failed, reconciler); either way it settles.
    const end = await taskEnd(survivor, id, 150_000);
    const settled = await waitFor(
      `${name} not busy`,
      async () => {
        const env = await environment(survivor, name);
        return env && !BUSY.includes(env.state) ? env : undefined;
      },
      90_000,
    );
    const settledAfter = Math.round((Date.now() - killedAt) / 1000);
    const resumedElsewhere = readFileSync(tfLog, 'utf8')
      .trim()
      .split('\n')
      .map(JSON.parse)
      .some(
        l =>
          l.env === name &&
          l.command === 'init' &&
          Number(l.owner) === survivor.pid,
      );
    await sleep(2000);
    const left = orphans(victim.pid);
    check(
      `${signal} during plan: the task resumes to planned or the environment is released as failed`,
      (settled.state === 'planned' && end.status === 'completed') ||
        settled.state === 'failed',
      `task ${end.status}, environment ${
        settled.state
      } ${settledAfter} s after the kill${
        resumedElsewhere
          ? ', resumed on the other replica (init re-ran there)'
          : ''
      }${settled.lastError ? `: ${settled.lastError.slice(0, 120)}` : ''}`,
    );
    if (signal === 'SIGKILL') {
      // A SIGKILLed backend leaves its task 'processing' with a silent
      // heartbeat: the survivor recovers it after recoverTasksTimeout (30 s),
      // well before staleAfterSeconds (60 s) would release it.
      check(
        'SIGKILL during plan: the task recovered on the other replica finishes (planned, no manual step)',
        end.status === 'completed' &&
          settled.state === 'planned' &&
          resumedElsewhere,
        `task ${end.status}, environment ${settled.state}, init re-ran on ${
          resumedElsewhere ? survivor.name : 'no other replica'
        }`,
      );
    }
    check(
      `${signal} during plan: no terraform left running`,
      left.length === 0 && !ownerAlive(slow.pid),
      `orphans ${left.join(',') || 'none'}`,
    );
    if (settled.state === 'failed') {
      // Released: decommission is accepted (not "wait for that task")...
      const ref = `resource:default/data-science-${name}`;
      await waitFor(
        `${name} entity`,
        async () =>
          (
            await api(
              survivor,
              'GET',
              `/api/catalog/entities/by-name/resource/default/data-science-${name}`,
            )
          ).status === 200,
      );
      const d = await taskEnd(
        survivor,
        await createTask(survivor, 'data-science-environment-decommission', {
          environment: ref,
          confirmName: name,
        }),
      );
      const afterDecommission = await environment(survivor, name);
      check(
        `${signal}: decommission of the released environment runs`,
        d.status === 'completed' && !BUSY.includes(afterDecommission?.state),
        `task ${d.status}, environment ${afterDecommission?.state ?? 'gone'}: ${
          d.log
            .replace(/\x1b\[[0-9;]*m/g, '')
            .split('\n')
            .filter(l => /Plan mode|destroyed/.test(l))
            .slice(-1)[0] ?? ''
        }`,
      );
      // ...and so is a retry, on the other replica.
      const r = await taskEnd(
        survivor,
        await createTask(
          survivor,
          'data-science-environment',
          provisionValues(name),
        ),
      );
      check(
        `${signal}: a retry on the other replica works`,
        r.status === 'completed' &&
          (await environment(survivor, name))?.state === 'planned',
        r.status,
      );
    }
    const back = start(victim.name, victim.port, 'pg');
    Object.assign(victim, back);
    replicas[victim.name] = victim;
    booting = { replica: victim, ready: healthy(victim) };
    booting.ready.catch(() => {}); // awaited (and thrown) below
  }
  await booting.ready;

  // After every kill and restart, and one more reconciler interval, no
  // environment in the shared registry is busy.
  await sleep(2 * RECONCILE_SECONDS * 1000);
  {
    const busy = psql(
      `select name || ' ' || state from environments where state in (${BUSY.map(
        b => `'${b}'`,
      ).join(',')})`,
    );
    const all = psql('select count(*) from environments')[0];
    check(
      'after the kills and restarts no environment is busy',
      busy.length === 0,
      `${all} environments, busy: ${busy.join(', ') || 'none'}`,
    );
  }

  // The reconciler ran once across replicas: no two rounds overlapped and no
  // more rounds than one per interval (rounds.mjs says why not the gaps).
  {
    const verdict = judgeRounds(
      parseRounds(
        Object.fromEntries(
          ['a', 'b'].map(r => [
            r,
            readFileSync(join(work, `${r}.log`), 'utf8'),
          ]),
        ),
      ),
      RECONCILE_SECONDS * 1000,
    );
    check(
      'the reconciler runs once across replicas (no overlap, at most one round per interval)',
      verdict.ok,
      verdict.detail,
    );
  }

  await replicas.sqlitePending?.promise;
  await replicas.prodPending?.promise;
  for (const r of [A, B]) await stop(r, 'SIGTERM');
  await sleep(1000);
  // No file anywhere the replicas wrote, and no row in their databases,
  // holds a directory password.
  const secrets = existsSync(passwordsFile)
    ? readFileSync(passwordsFile, 'utf8').split('\n').filter(Boolean)
    : [];
  const hits = filesContaining(work, secrets, [passwordsFile]);
  const dumps = databaseDumps();
  const rows = dumps.filter(({ text }) => secrets.some(x => text.includes(x)));
  check(
    'no file or database row holds a directory password after the kills (scan)',
    secrets.length > 0 && hits.length === 0 && rows.length === 0,
    `${secrets.length} passwords; ${hits.length} files${
      hits.length ? ` (${hits.slice(0, 3).join(', ')})` : ''
    } under ${work}; ${rows.length} of ${dumps.length} databases${
      rows.length ? ` (${rows.map(r => r.db).join(', ')})` : ''
    }`,
  );
} catch (error) {
  check(`suite error: ${error.message}`, false);
}
finish();

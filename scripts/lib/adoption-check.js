#!/usr/bin/env node
/*
 * What scripts/adoption-test.sh checks against the adopted app's running
 * backend, as a signed-in guest would reach it:
 *   1. GET /api/enclave/health answers;
 *   2. GET /api/scaffolder/v2/actions lists every enclave:* action;
 *   3. the provision template, run in plan mode through POST
 *      /api/scaffolder/v2/tasks, finishes, and the environment is `planned`
 *      in the registry, read back with the creator's own token (the
 *      permission policy lets them see what they created);
 *   4. a provision for a team the guest is not in fails with the ownership
 *      message and leaves nothing in the registry.
 * Prints each duration; exits 1 with the task log on failure.
 *
 *   node scripts/lib/adoption-check.js BASE_URL
 */
const base = process.argv[2];
if (!base) {
  console.error('usage: adoption-check.js BASE_URL');
  process.exit(2);
}
const started = Date.now();
const secs = since => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const sleep = ms => new Promise(r => setTimeout(r, ms));

function fail(message) {
  console.error(`[adoption] FAILED: ${message}`);
  process.exit(1);
}

async function poll(what, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      fail(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(1000);
  }
}

async function main() {
  const backendPid = Number(process.env.BACKEND_PID) || undefined;
  const health = await poll('GET /api/enclave/health', 300_000, async () => {
    if (backendPid) {
      try {
        process.kill(backendPid, 0);
      } catch {
        fail('the backend exited before /api/enclave/health answered');
      }
    }
    const res = await fetch(`${base}/api/enclave/health`);
    return res.ok ? res.json() : undefined;
  });
  console.log(
    `[adoption] /api/enclave/health: ${JSON.stringify(health)} (${secs(
      started,
    )} after start)`,
  );

  // The guest provider is a proxy provider: its refresh route signs in. It
  // resolves the guest through the catalog (README config: userEntityRef),
  // so until the catalog has read examples/org.yaml the token carries no
  // groups: sign in again until it does.
  const backstageIdentity = await poll(
    "a guest sign-in whose token carries the guest's groups",
    300_000,
    async () => {
      const session = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!session.ok)
        fail(`guest sign-in: HTTP ${session.status} ${await session.text()}`);
      const identity = (await session.json()).backstageIdentity;
      return identity.identity?.ownershipEntityRefs?.some(ref =>
        ref.startsWith('group:'),
      )
        ? identity
        : undefined;
    },
  );
  const headers = {
    authorization: `Bearer ${backstageIdentity.token}`,
    'content-type': 'application/json',
  };
  const api = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const claims = backstageIdentity.identity?.ownershipEntityRefs ?? [];
  console.log(
    `[adoption] signed in as ${
      backstageIdentity.identity?.userEntityRef
    } (${claims.join(', ')})`,
  );

  const actions = await api('GET', '/api/scaffolder/v2/actions');
  const ids = (actions.body ?? [])
    .map(a => a.id)
    .filter(id => id.startsWith('enclave:'));
  const expected = [
    'enclave:environment:provision',
    'enclave:environment:destroy',
    'enclave:environment:upgrade',
    'enclave:users:add',
    'enclave:users:remove',
  ];
  const missing = expected.filter(id => !ids.includes(id));
  if (missing.length)
    fail(
      `scaffolder actions lack ${missing.join(', ')} (listed: ${ids.join(
        ', ',
      )})`,
    );
  console.log(
    `[adoption] scaffolder lists ${ids.length} enclave actions: ${ids.join(
      ', ',
    )}`,
  );

  await poll('the provision template in the catalog', 300_000, async () => {
    const res = await api(
      'GET',
      '/api/catalog/entities/by-name/template/default/data-science-environment',
    );
    return res.status === 200 ? true : undefined;
  });

  const values = owner => ({
    name: 'adoption-check',
    description: 'scripts/adoption-test.sh',
    owner,
    region: 'eu-west-1',
    users: ['user:default/guest'],
    clientCidrs: ['203.0.113.0/24'],
    emrInstanceType: 'm5.xlarge',
    emrCoreNodeCount: 2,
    workspacesBundleName: 'Standard with Ubuntu 22.04',
    workspacesComputeType: 'PERFORMANCE',
    workspacesAutoStopMinutes: 60,
  });
  const runTask = async (owner, timeoutMs) => {
    const t0 = Date.now();
    const created = await api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/data-science-environment',
      values: values(owner),
    });
    if (created.status !== 201)
      fail(
        `POST /api/scaffolder/v2/tasks: HTTP ${created.status} ${JSON.stringify(
          created.body,
        )}`,
      );
    const task = await poll(`task ${created.body.id}`, timeoutMs, async () => {
      const res = await api(
        'GET',
        `/api/scaffolder/v2/tasks/${created.body.id}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(res.body?.status)
        ? res.body
        : undefined;
    });
    const events = await api(
      'GET',
      `/api/scaffolder/v2/tasks/${created.body.id}/events`,
    );
    const log = (events.body ?? []).map(e => e.body?.message ?? '').join('\n');
    return { status: task.status, log, seconds: secs(t0) };
  };

  // The guest's own team, from its sign-in (create-app's org: `guests`).
  const team = claims.find(ref => ref.startsWith('group:'));
  if (!team)
    fail(
      `the guest's token carries no group (${claims.join(
        ', ',
      )}): is auth.providers.guest.userEntityRef set as the README says?`,
    );
  const planned = await runTask(team, 900_000);
  if (planned.status !== 'completed')
    fail(`provision task ${planned.status}:\n${planned.log}`);
  const env = await api(
    'GET',
    `/api/enclave/environments/by-name/${encodeURIComponent(
      team,
    )}/adoption-check`,
  );
  if (env.status !== 200 || env.body.state !== 'planned') {
    fail(
      `the creator reads the environment: HTTP ${env.status}, state ${env.body?.state} (want 200, planned)`,
    );
  }
  const plan = (planned.log.match(
    /Plan: \d+ to add, \d+ to change, \d+ to destroy\./,
  ) ?? ['?'])[0];
  console.log(
    `[adoption] provision template: completed, environment planned (${plan}) in ${planned.seconds}`,
  );

  const other = 'group:default/platform';
  if (claims.includes(other))
    fail(`the guest is unexpectedly in ${other}; cannot check the refusal`);
  const refused = await runTask(other, 300_000);
  if (
    refused.status !== 'failed' ||
    !refused.log.includes(`is not a member of ${other}`)
  ) {
    fail(
      `a provision for ${other} (not the guest's team) should fail with the ownership message; got ${refused.status}:\n${refused.log}`,
    );
  }
  if (/terraform (init|plan)/i.test(refused.log))
    fail(`the refused provision ran terraform:\n${refused.log}`);
  const none = await api(
    'GET',
    `/api/enclave/environments/by-name/${encodeURIComponent(
      other,
    )}/adoption-check`,
  );
  if (none.status === 200)
    fail(`the refused provision left an environment in the registry`);
  console.log(
    `[adoption] provision for ${other}: refused before terraform (${refused.seconds})`,
  );
}

main().catch(error => fail(error.stack ?? String(error)));

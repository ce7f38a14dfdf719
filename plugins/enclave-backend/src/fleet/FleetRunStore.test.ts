import { ConflictError, NotFoundError } from '@backstage/errors';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import { applyDatabaseMigrations } from '../database/migrations';
import { FleetRunStore } from './FleetRunStore';

const databases = createEnclaveTestDatabases();
const ADMIN = 'user:default/carol';

describe.each(databases.eachSupportedId())('FleetRunStore on %s', id => {
  async function createStore(now?: () => Date) {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    return new FleetRunStore(knex, now);
  }

  it('queues one run at a time: of concurrent starts exactly one wins, the others get a 409 naming it', async () => {
    const store = await createStore();
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(concurrency =>
        store.create({
          kind: 'plan',
          toVersion: '1.1.0',
          initiator: ADMIN,
          concurrency,
        }),
      ),
    );
    const won = results.filter(r => r.status === 'fulfilled');
    const lost = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    for (const { reason } of lost) {
      expect(reason).toBeInstanceOf(ConflictError);
      expect(reason.message).toMatch(
        /^fleet plan [0-9a-f-]{36} is queued \(started by user:default\/carol\); wait for it to finish/,
      );
    }
    const [active] = await store.listActive();
    expect(active).toMatchObject({
      kind: 'plan',
      status: 'queued',
      toVersion: '1.1.0',
      initiator: ADMIN,
      progress: {},
    });
    expect(await store.listActive()).toHaveLength(1);
  });

  it('lets exactly one of two workers claim a queued run, then records heartbeat, progress and the end', async () => {
    const store = await createStore();
    const queued = await store.create({
      kind: 'rollout',
      toVersion: '1.1.0',
      initiator: ADMIN,
      planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
      canarySize: 2,
    });
    const [a, b] = await Promise.all([
      store.claimNextQueued('worker-a', '1.1.0'),
      store.claimNextQueued('worker-b', '1.1.0'),
    ]);
    const claimed = a ?? b;
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(claimed).toMatchObject({
      id: queued.id,
      status: 'running',
      canarySize: 2,
      planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
    });
    const owner = a ? 'worker-a' : 'worker-b';
    const other = a ? 'worker-b' : 'worker-a';
    expect(await store.claimNextQueued(other, '1.1.0')).toBeUndefined();

    expect(await store.heartbeat(queued.id, owner)).toBe(true);
    expect(await store.heartbeat(queued.id, other)).toBe(false);
    const step = {
      environmentId: 'env-1',
      name: 'alpha',
      step: 'apply' as const,
      phase: 'plan',
      at: new Date().toISOString(),
    };
    expect(
      await store.recordProgress(queued.id, owner, { 'env-1': step }),
    ).toBe(true);
    expect((await store.get(queued.id)).progress).toEqual({ 'env-1': step });

    const rollout = {
      runId: 'r',
      toVersion: '1.1.0',
      startedAt: step.at,
      finishedAt: step.at,
      waves: [['env-1']],
      environments: [],
    };
    expect(await store.finish(queued.id, other, { status: 'succeeded' })).toBe(
      false,
    );
    expect(
      await store.finish(queued.id, owner, {
        status: 'succeeded',
        result: rollout,
      }),
    ).toBe(true);
    const done = await store.get(queued.id);
    expect(done).toMatchObject({ status: 'succeeded', rollout });
    expect(done.finishedAt).toBeDefined();
    expect(await store.latest('rollout')).toMatchObject({ id: queued.id });
    expect(await store.latest('plan')).toBeUndefined();
    // The fleet is free again.
    expect(await store.listActive()).toEqual([]);
    await expect(
      store.create({ kind: 'plan', toVersion: '1.1.0', initiator: ADMIN }),
    ).resolves.toMatchObject({ status: 'queued' });
    await expect(store.get('no-such-run')).rejects.toThrow(NotFoundError);
  });

  it("lets only a worker of the run's stack version claim it, and fails a run no such worker claimed in time", async () => {
    let clock = new Date('2026-12-01T10:00:00Z');
    const store = await createStore(() => clock);
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.2.0',
      initiator: ADMIN,
    });
    // An old replica (1.1.0) during a rolling deploy: leaves it queued.
    expect(await store.claimNextQueued('old-replica', '1.1.0')).toBeUndefined();
    expect((await store.get(run.id)).status).toBe('queued');
    // Not failed before staleAfterSeconds, nor by a replica of its version.
    clock = new Date('2026-12-01T10:00:50Z');
    expect(await store.failUnclaimable('1.1.0', 60)).toEqual([]);
    clock = new Date('2026-12-01T10:05:00Z');
    expect(await store.failUnclaimable('1.2.0', 60)).toEqual([]);
    // A replica of 1.2.0 claims it.
    expect(await store.claimNextQueued('new-replica', '1.2.0')).toMatchObject({
      id: run.id,
      status: 'running',
      toVersion: '1.2.0',
    });
    await store.finish(run.id, 'new-replica', { status: 'succeeded' });

    // A run nobody of its version claims ages into failed, saying why.
    const stuck = await store.create({
      kind: 'rollout',
      toVersion: '1.3.0',
      initiator: ADMIN,
      planRunId: run.id,
    });
    clock = new Date('2026-12-01T10:07:00Z');
    const [failed] = await store.failUnclaimable('1.2.0', 60);
    expect(failed).toMatchObject({ id: stuck.id, status: 'failed' });
    expect(failed.error).toBe(
      `fleet rollout ${stuck.id} targets stack version 1.3.0, but no backend running 1.3.0 claimed it within 60 s (dataEnclave.operations.staleAfterSeconds; this backend runs 1.2.0). Nothing was planned or applied; start the fleet rollout again once every replica runs 1.3.0.`,
    );
    expect(failed.finishedAt).toBeDefined();
    // Ended for good: no late claim, and the fleet is free again.
    expect(await store.claimNextQueued('late', '1.3.0')).toBeUndefined();
    expect(await store.listActive()).toEqual([]);
  });

  it('declares interrupted a running run whose heartbeat went stale, and only that one', async () => {
    let clock = new Date('2026-12-01T10:00:00Z');
    const store = await createStore(() => clock);
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: ADMIN,
    });
    await store.claimNextQueued('dead-worker', '1.1.0');
    clock = new Date('2026-12-01T10:00:50Z');
    expect(await store.markStaleInterrupted(60)).toEqual([]);
    clock = new Date('2026-12-01T10:02:00Z');
    const [interrupted] = await store.markStaleInterrupted(60);
    expect(interrupted).toMatchObject({ id: run.id, status: 'interrupted' });
    expect(interrupted.error).toBe(
      'Interrupted: the backend running this fleet plan stopped (no heartbeat for 120 s; dataEnclave.operations.staleAfterSeconds: 60). The environments it held are released; start the fleet plan again.',
    );
    // The dead worker's late writes are refused; the outcome stands.
    expect(await store.heartbeat(run.id, 'dead-worker')).toBe(false);
    expect(
      await store.finish(run.id, 'dead-worker', { status: 'succeeded' }),
    ).toBe(false);
    expect((await store.get(run.id)).status).toBe('interrupted');
    expect(await store.listActive()).toEqual([]);
  });
});

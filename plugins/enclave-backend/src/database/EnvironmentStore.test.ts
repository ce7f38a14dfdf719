import { ConflictError, NotFoundError } from '@backstage/errors';
import { CreateEnvironmentRequest } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import { testEnvironmentRequest } from '../__testUtils__/testRegistry';
import { EnvironmentStore } from './EnvironmentStore';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

const databases = createEnclaveTestDatabases();

function request(overrides: Partial<CreateEnvironmentRequest> = {}) {
  return testEnvironmentRequest({
    spec: { name: 'analytics', users: ['user:default/alice'] },
    members: [
      {
        entityRef: 'user:default/alice',
        username: 'alice',
        secretName: 'enclave/analytics/alice',
      },
    ],
    taskId: 'task-1',
    ...overrides,
  });
}

describe.each(databases.eachSupportedId())('EnvironmentStore on %s', id => {
  async function createStore() {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    return new EnvironmentStore(knex);
  }

  it('runs migrations up and down and up again', async () => {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    await rollbackDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('environments')).toBe(false);
    expect(await knex.schema.hasTable('enclave_fleet_runs')).toBe(false);
    await applyDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('environments')).toBe(true);
    expect(await knex.schema.hasTable('operations')).toBe(true);
    expect(await knex.schema.hasTable('enclave_fleet_runs')).toBe(true);
  });

  it('creates, reads, lists and updates environments', async () => {
    const store = await createStore();
    const created = await store.create(request());
    expect(created).toMatchObject({
      name: 'analytics',
      team: 'group:default/data-science',
      state: 'provisioning',
      region: 'eu-west-1',
      accountId: '123456789012',
      outputs: {},
      createdBy: 'user:default/alice',
    });
    expect(new Date(created.createdAt).getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
    expect(await store.get(created.id)).toEqual(created);
    expect(
      await store.findByName('group:default/data-science', 'analytics'),
    ).toEqual(created);
    expect(await store.findByName('data-science', 'other')).toBeUndefined();

    const updated = await store.update(created.id, {
      state: 'ready',
      phase: 'desktops',
      progress: { done: 1, total: 1 },
      outputs: { vpcId: 'vpc-1' },
      guardrails: { passed: true, rules: [] },
      planSummary: { add: 3, change: 0, destroy: 0 },
    });
    const again = await store.update(created.id, {
      outputs: { directoryId: 'd-1' },
      phase: null,
    });
    expect(updated.state).toBe('ready');
    expect(again.outputs).toEqual({ vpcId: 'vpc-1', directoryId: 'd-1' });
    expect(again.phase).toBeUndefined();
    expect(again.progress).toEqual({ done: 1, total: 1 });
    expect(again.planSummary).toEqual({ add: 3, change: 0, destroy: 0 });

    await store.create(request({ name: 'other', team: 'group:default/ml' }));
    expect((await store.list()).map(e => e.name)).toEqual([
      'analytics',
      'other',
    ]);
    expect(
      (await store.list({ team: 'data-science' })).map(e => e.name),
    ).toEqual(['analytics']);
    await expect(store.get('missing')).rejects.toThrow(NotFoundError);
  });

  it('lets exactly one of two concurrent creates of the same name win', async () => {
    const store = await createStore();
    const results = await Promise.allSettled([
      store.create(request()),
      store.create(request()),
    ]);
    const won = results.filter(r => r.status === 'fulfilled');
    const lost = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    expect(lost[0].reason.message).toBe(
      'environment data-science/analytics already exists (state provisioning); pick another name or destroy it first',
    );
    // Same name in another team is fine.
    await expect(
      store.create(request({ team: 'group:default/ml' })),
    ).resolves.toMatchObject({ team: 'group:default/ml' });
  });

  it('frees the name when an environment is destroyed', async () => {
    const store = await createStore();
    const first = await store.create(request());
    await store.update(first.id, { state: 'destroyed' });
    const second = await store.create(request());
    expect(second.id).not.toBe(first.id);
    expect(await store.findByName('data-science', 'analytics')).toEqual(second);
    expect((await store.list()).map(e => e.id)).toEqual([second.id]);
    expect(
      (await store.list({ includeDestroyed: true })).map(e => e.id).sort(),
    ).toEqual([first.id, second.id].sort());
    await expect(store.update(first.id, { state: 'ready' })).rejects.toThrow(
      /is destroyed/,
    );
  });

  it('records the audit trail with state changes', async () => {
    const store = await createStore();
    const env = await store.create(request());
    let ops = await store.listOperations(env.id);
    expect(ops).toEqual([
      expect.objectContaining({
        kind: 'provision',
        initiator: 'user:default/alice',
        taskId: 'task-1',
        result: 'running',
      }),
    ]);
    expect(ops[0].finishedAt).toBeUndefined();

    // Closing without an id closes the running provision row.
    await store.update(env.id, {
      state: 'ready',
      operation: {
        kind: 'provision',
        initiator: 'user:default/alice',
        result: 'succeeded',
      },
    });
    ops = await store.listOperations(env.id);
    expect(ops).toHaveLength(1);
    expect(ops[0].result).toBe('succeeded');
    expect(ops[0].finishedAt).toBeDefined();

    // A lifecycle operation: started by compare-and-set, finished with its
    // error; the environment returns to its release state.
    await store.startOperation(env.id, {
      kind: 'upgrade',
      initiator: 'user:default/bob',
      taskId: 'task-2',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    await store.finishOperation(env.id, {
      taskId: 'task-2',
      result: 'failed',
      error: 'apply failed',
    });
    ops = await store.listOperations(env.id);
    expect(ops).toHaveLength(2);
    expect(ops.find(o => o.kind === 'upgrade')).toMatchObject({
      kind: 'upgrade',
      result: 'failed',
      error: 'apply failed',
      taskId: 'task-2',
      fromState: 'ready',
      releaseState: 'ready',
    });
    expect((await store.get(env.id)).state).toBe('ready');
    expect((await store.get(env.id)).lastError).toBe('apply failed');
  });

  it('claims an initial credential once and keeps the delivery on member updates', async () => {
    const store = await createStore();
    const env = await store.create(request());
    const claim = await store.claimInitialCredential(
      env.id,
      'user:default/alice',
      'user:default/alice',
    );
    expect(claim.member.secretName).toBe('enclave/analytics/alice');
    await store.finishCredentialReveal(env.id, claim);
    await expect(
      store.claimInitialCredential(
        env.id,
        'user:default/alice',
        'user:default/alice',
      ),
    ).rejects.toThrow(/already revealed/);

    // An action rewriting the member list must not reset the delivery.
    const after = await store.update(env.id, {
      members: [{ entityRef: 'user:default/alice', username: 'alice' }],
    });
    expect(after.members[0].credentialDeliveredAt).toBeDefined();
    const ops = await store.listOperations(env.id);
    expect(ops.find(o => o.kind === 'reveal-credential')).toMatchObject({
      initiator: 'user:default/alice',
      result: 'succeeded',
      detail: { username: 'alice' },
    });
  });

  it('releases a claim when reading the secret failed', async () => {
    const store = await createStore();
    const env = await store.create(request());
    const claim = await store.claimInitialCredential(
      env.id,
      'user:default/alice',
      'user:default/alice',
    );
    await store.finishCredentialReveal(env.id, claim, 'AccessDenied');
    expect(
      (await store.get(env.id)).members[0].credentialDeliveredAt,
    ).toBeUndefined();
    await expect(
      store.claimInitialCredential(
        env.id,
        'user:default/alice',
        'user:default/alice',
      ),
    ).resolves.toMatchObject({ member: { username: 'alice' } });
  });

  describe('lifecycle operations', () => {
    const start = (
      taskId: string,
      kind: 'upgrade' | 'destroy' = 'upgrade',
    ) => ({
      kind,
      initiator: 'user:default/bob',
      taskId,
      busyState:
        kind === 'destroy' ? ('destroying' as const) : ('updating' as const),
      allowedStates: ['ready' as const, 'planned' as const],
    });

    async function readyEnvironment(store: EnvironmentStore) {
      const env = await store.create(request());
      await store.update(env.id, {
        state: 'planned',
        operation: {
          kind: 'provision',
          initiator: 'user:default/alice',
          result: 'succeeded',
        },
      });
      return env;
    }

    it('lets exactly one of two concurrent tasks start', async () => {
      const store = await createStore();
      const env = await readyEnvironment(store);
      const results = await Promise.allSettled([
        store.startOperation(env.id, start('task-a')),
        store.startOperation(env.id, start('task-b', 'destroy')),
      ]);
      const won = results.filter(r => r.status === 'fulfilled');
      const lost = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      expect(lost[0].reason.message).toMatch(
        /wait for that task to finish|just claimed/,
      );
      const running = (await store.listOperations(env.id)).filter(
        o => o.result === 'running',
      );
      expect(running).toHaveLength(1);
      const record = await store.get(env.id);
      expect(record.currentOperation?.taskId).toBe(running[0].taskId);
    });

    it('gives a resumed task its operation back and refuses other tasks', async () => {
      const store = await createStore();
      const env = await readyEnvironment(store);
      const first = await store.startOperation(env.id, start('task-a'));
      expect(first.resumed).toBe(false);
      const again = await store.startOperation(env.id, start('task-a'));
      expect(again).toMatchObject({
        resumed: true,
        operation: { id: first.operation.id },
      });
      await expect(
        store.startOperation(env.id, start('task-b')),
      ).rejects.toThrow(
        /is updating \(upgrade by user:default\/bob, task task-a\); wait for that task to finish/,
      );
      await store.heartbeat(env.id, 'task-a');
      await expect(store.heartbeat(env.id, 'task-b')).rejects.toThrow(
        ConflictError,
      );
      await expect(
        store.finishOperation(env.id, {
          taskId: 'task-b',
          result: 'succeeded',
        }),
      ).rejects.toThrow(/no longer holds/);
      const done = await store.finishOperation(env.id, {
        taskId: 'task-a',
        result: 'succeeded',
        change: { state: 'planned' },
      });
      expect(done.state).toBe('planned');
      expect(done.currentOperation).toBeUndefined();
      await expect(
        store.startOperation(env.id, start('task-b')),
      ).resolves.toMatchObject({ resumed: false });
    });

    it('refuses busy states outside startOperation and late writers after a release', async () => {
      const store = await createStore();
      const env = await readyEnvironment(store);
      await expect(
        store.update(env.id, { state: 'destroying' }),
      ).rejects.toThrow(/startOperation/);
      const started = await store.startOperation(env.id, start('task-a'));
      expect(
        await store.releaseOperation(
          env.id,
          started.operation.id,
          'task task-a failed; released by the reconciler',
        ),
      ).toBe(true);
      // Released twice: the second is a no-op (compare-and-set).
      expect(
        await store.releaseOperation(env.id, started.operation.id, 'again'),
      ).toBe(false);
      const released = await store.get(env.id);
      expect(released).toMatchObject({
        state: 'planned',
        lastError: 'task task-a failed; released by the reconciler',
      });
      expect(
        (await store.listOperations(env.id)).find(o => o.kind === 'upgrade'),
      ).toMatchObject({
        result: 'failed',
        error: 'task task-a failed; released by the reconciler',
      });
      await expect(
        store.finishOperation(env.id, {
          taskId: 'task-a',
          result: 'succeeded',
        }),
      ).rejects.toThrow(/released by the reconciler/);
      await store.startOperation(env.id, start('task-b', 'destroy'));
      await expect(
        store.update(env.id, {
          state: 'ready',
          operation: {
            kind: 'upgrade',
            initiator: 'user:default/bob',
            taskId: 'task-a',
            result: 'succeeded',
          },
        }),
      ).rejects.toThrow(/held by task task-b .*task task-a no longer holds it/);
    });

    it('lists in-flight operations, including a busy environment nothing holds', async () => {
      const store = await createStore();
      const held = await store.create(request());
      const orphan = await store.create(request({ name: 'orphan' }));
      // As left by a version before the operation lock (see the migration).
      await (store as any)
        .db('environments')
        .where({ id: orphan.id })
        .update({ operation_id: null });
      const inFlight = await store.listInFlight();
      expect(
        inFlight.map(f => [f.environment.name, f.operation?.taskId]),
      ).toEqual(
        expect.arrayContaining([
          ['analytics', 'task-1'],
          ['orphan', undefined],
        ]),
      );
      expect(
        await store.releaseOperation(orphan.id, undefined, 'no task'),
      ).toBe(true);
      expect((await store.get(orphan.id)).state).toBe('failed');
      expect((await store.get(held.id)).currentOperation?.taskId).toBe(
        'task-1',
      );
    });
  });
});

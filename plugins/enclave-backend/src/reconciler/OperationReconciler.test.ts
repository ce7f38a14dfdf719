import { mockServices } from '@backstage/backend-test-utils';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import { OperationReconciler, TaskLiveness } from './OperationReconciler';

const databases = createEnclaveTestDatabases();

/**
 * The scaffolder's answers are a stand-in (a map of task id → status); the
 * store is real. The full path through the scaffolder's HTTP API runs in
 * scripts/multi-replica-test.sh against two real backends.
 */
function standInTasks(statuses: Record<string, TaskLiveness['status']>) {
  return {
    async getTask(taskId: string): Promise<TaskLiveness> {
      if (statuses[taskId] === undefined) throw new Error('scaffolder down');
      return { status: statuses[taskId] };
    },
  };
}

describe.each(databases.eachSupportedId())('OperationReconciler on %s', id => {
  async function setup(statuses: Record<string, string>, now = new Date()) {
    const { store, registry } = await createTestRegistry(databases, id);
    const reconciler = new OperationReconciler({
      registry,
      tasks: standInTasks(statuses),
      staleAfterSeconds: 60,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    const create = (name: string, taskId: string) =>
      store.create(testEnvironmentRequest({ name, taskId }));
    return { store, reconciler, create };
  }

  it('releases operations whose task ended, vanished or went silent, and leaves live ones alone', async () => {
    const later = new Date(Date.now() + 120_000);
    const { store, reconciler, create } = await setup(
      {
        'task-failed': 'failed',
        'task-done': 'completed',
        'task-gone': 'missing',
        'task-open': 'open',
        'task-live': 'processing',
        // 'task-silent' and 'task-unknown': the scaffolder cannot answer.
      },
      later,
    );
    const failed = await create('failed-one', 'task-failed');
    const done = await create('done-one', 'task-done');
    const gone = await create('gone-one', 'task-gone');
    const open = await create('open-one', 'task-open');
    const live = await create('live-one', 'task-live');
    const silent = await create('silent-one', 'task-silent');
    // Heartbeats "now" (2 minutes before the reconciler's clock) are stale;
    // refresh the live ones at the reconciler's time.
    for (const env of [open, live]) {
      await (store as any)
        .db('operations')
        .where({ environment_id: env.id })
        .update({ heartbeat_at: later });
    }

    const result = await reconciler.reconcile();
    expect(result.checked).toBe(6);
    expect(result.released.map(r => r.environmentId).sort()).toEqual(
      [failed.id, done.id, gone.id, silent.id].sort(),
    );
    const failedNow = await store.get(failed.id);
    expect(failedNow.state).toBe('failed');
    expect(failedNow.currentOperation).toBeUndefined();
    expect(failedNow.lastError).toMatch(
      /^Released by the reconciler: provision \(task task-failed\) ended as failed without recording its outcome\..*run the task again/,
    );
    expect((await store.get(gone.id)).lastError).toMatch(
      /no longer exists in the scaffolder/,
    );
    expect((await store.get(silent.id)).lastError).toMatch(
      /sent no heartbeat for 1[12][09] s \(dataEnclave\.operations\.staleAfterSeconds: 60\)/,
    );
    // Visible in the audit trail with the same reason.
    const [op] = await store.listOperations(failed.id);
    expect(op).toMatchObject({ result: 'failed', error: failedNow.lastError });
    expect((await store.get(open.id)).state).toBe('provisioning');
    expect((await store.get(live.id)).state).toBe('provisioning');

    // A released environment can be provisioned again (and a second round
    // releases nothing).
    await expect(
      store.startOperation(failed.id, {
        kind: 'provision',
        initiator: 'user:default/alice',
        taskId: 'task-retry',
        busyState: 'provisioning',
        allowedStates: ['planned', 'failed'],
      }),
    ).resolves.toMatchObject({ resumed: false });
    await (store as any)
      .db('operations')
      .where({ task_id: 'task-retry' })
      .update({ heartbeat_at: later });
    expect((await reconciler.reconcile()).released).toEqual([]);
  });

  it('stops between operations once the round is aborted (the scheduler timed it out or the backend is stopping)', async () => {
    const { store, reconciler, create } = await setup({
      'task-a': 'failed',
      'task-b': 'failed',
    });
    const a = await create('abort-a', 'task-a');
    const b = await create('abort-b', 'task-b');
    const aborted = new AbortController();
    aborted.abort();

    const result = await reconciler.reconcile(aborted.signal);
    expect(result).toEqual({ checked: 0, released: [] });
    // Nothing was released behind the scheduler's back: the next round does it.
    expect((await store.get(a.id)).state).toBe('provisioning');
    expect((await reconciler.reconcile()).released).toHaveLength(2);
    expect((await store.get(b.id)).state).toBe('failed');
  });
});

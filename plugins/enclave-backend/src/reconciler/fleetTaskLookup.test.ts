import { mockServices } from '@backstage/backend-test-utils';
import { fleetTaskId } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import { FleetRunStore } from '../fleet/FleetRunStore';
import { fleetTaskLookup } from './fleetTaskLookup';
import { OperationReconciler, TaskLiveness } from './OperationReconciler';

const databases = createEnclaveTestDatabases();

/**
 * Real store, real fleet run store, real reconciler; the scaffolder's
 * answers (non-fleet task ids) are a stand-in map.
 */
describe.each(databases.eachSupportedId())('fleetTaskLookup on %s', id => {
  async function setup() {
    const { knex, store, registry } = await createTestRegistry(databases, id);
    let clock = new Date();
    const runs = new FleetRunStore(knex, () => clock);
    const scaffolder: Record<string, TaskLiveness> = {
      'task-live': { status: 'processing' },
    };
    const tasks = fleetTaskLookup({
      runs,
      staleAfterSeconds: 60,
      others: {
        getTask: async taskId => scaffolder[taskId] ?? { status: 'missing' },
      },
      now: () => clock,
    });
    const reconciler = new OperationReconciler({
      registry,
      tasks,
      staleAfterSeconds: 60,
      logger: mockServices.logger.mock(),
      now: () => clock,
    });
    /** A planned environment held by `taskId`, as the fleet's claim does it. */
    const held = async (name: string, taskId: string) => {
      const env = await store.create(
        testEnvironmentRequest({ name, state: 'planned' }),
      );
      await registry.startOperation(env.id, {
        kind: 'upgrade',
        initiator: 'user:default/carol',
        taskId,
        busyState: 'updating',
        allowedStates: ['planned'],
      });
      return env;
    };
    const startRun = async (worker: string) => {
      const run = await runs.create({
        kind: 'plan',
        toVersion: '1.1.0',
        initiator: 'user:default/carol',
      });
      await runs.claimNextQueued(worker, '1.1.0');
      return run;
    };
    return {
      store,
      runs,
      tasks,
      reconciler,
      held,
      startRun,
      setClock: (d: Date) => (clock = d),
    };
  }

  it('answers fleet task ids from the run store and passes the others to the scaffolder', async () => {
    const { runs, tasks, startRun, setClock } = await setup();
    const run = await startRun('worker-1');
    const live = await tasks.getTask(fleetTaskId(run.id));
    expect(live).toEqual({
      status: 'processing',
      lastHeartbeatAt: (await runs.get(run.id)).heartbeatAt,
    });
    setClock(new Date(Date.now() + 120_000));
    expect((await tasks.getTask(fleetTaskId(run.id))).status).toBe('failed');
    await runs.finish(run.id, 'worker-1', { status: 'interrupted' });
    expect(await tasks.getTask(fleetTaskId(run.id))).toEqual({
      status: 'cancelled',
    });
    // No run row: a CLI's claim under the library's default id, judged by
    // its operation's heartbeat (not ended, no heartbeat of its own).
    expect(
      await tasks.getTask(fleetTaskId('6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01')),
    ).toEqual({ status: 'processing' });
    expect(await tasks.getTask('task-live')).toEqual({ status: 'processing' });
    expect(await tasks.getTask('task-gone')).toEqual({ status: 'missing' });
  });

  it('keeps the claims of a live fleet run and of an unknown (CLI) one while they beat, and releases those of an ended or silent one', async () => {
    const { store, runs, reconciler, held, startRun, setClock } = await setup();
    const ended = await startRun('worker-ended');
    await runs.finish(ended.id, 'worker-ended', { status: 'interrupted' });
    const endedEnv = await held('ended-one', fleetTaskId(ended.id));
    const live = await startRun('worker-live');
    const liveEnv = await held('live-one', fleetTaskId(live.id));
    const unknownEnv = await held(
      'unknown-one',
      fleetTaskId('6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01'),
    );

    let result = await reconciler.reconcile();
    expect(result.released.map(r => r.environmentId)).toEqual([endedEnv.id]);
    expect((await store.get(liveEnv.id)).currentOperation?.taskId).toBe(
      fleetTaskId(live.id),
    );
    expect((await store.get(unknownEnv.id)).currentOperation?.taskId).toBe(
      fleetTaskId('6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01'),
    );
    expect((await store.get(endedEnv.id)).lastError).toMatch(
      /^Released by the reconciler: upgrade \(task fleet:[0-9a-f-]{36}\) ended as cancelled/,
    );

    // The live run's process dies, and so does the CLI: their rows and
    // claims go silent.
    setClock(new Date(Date.now() + 120_000));
    result = await reconciler.reconcile();
    expect(result.released.map(r => r.environmentId).sort()).toEqual(
      [liveEnv.id, unknownEnv.id].sort(),
    );
    expect((await store.get(liveEnv.id)).currentOperation).toBeUndefined();
    const unknown = await store.get(unknownEnv.id);
    expect(unknown.state).toBe('planned');
    expect(unknown.lastError).toMatch(
      /^Released by the reconciler: upgrade \(task fleet:6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01\) sent no heartbeat for 120 s/,
    );
  });
});

/*
 * The worker's own rules, on the real stores (SQLite and PostgreSQL): a run
 * executes outside the scheduler round, heartbeats its row, stops when
 * another backend declared it interrupted, and a run that cannot execute
 * ends `failed` with the reason. The fleet library runs for real; its
 * registry is the real one, with listEnvironments held back where a test
 * needs a run that is still going.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import { createTestRegistry } from '../__testUtils__/testRegistry';
import { fleetRegistryFor } from '../service/fleetRegistry';
import { FleetRunStore } from './FleetRunStore';
import { FleetWorker } from './FleetWorker';

const databases = createEnclaveTestDatabases();
const ADMIN = 'user:default/carol';

describe.each(databases.eachSupportedId())('FleetWorker on %s', id => {
  // Real heartbeats on a real database take a few seconds by design; the
  // 5 s default left no room on a loaded CI machine (5.1 s on Postgres).
  jest.setTimeout(60_000);
  async function setup(stackVersion = '1.1.0') {
    const { knex, registry } = await createTestRegistry(databases, id);
    const store = new FleetRunStore(knex);
    let release!: () => void;
    const held = new Promise<void>(r => (release = r));
    const fleetRegistry = fleetRegistryFor(registry);
    const logger = mockServices.logger.mock();
    const worker = new FleetWorker({
      store,
      registry: {
        ...fleetRegistry,
        listEnvironments: async () => {
          await held;
          return fleetRegistry.listEnvironments();
        },
      },
      config: parseDataEnclaveConfig({
        stackVersion,
        operations: { heartbeatSeconds: 1, staleAfterSeconds: 1 },
      }),
      logger,
    });
    return { knex, store, worker, logger, release, fleetRegistry };
  }

  it('starts a queued run outside the round, heartbeats it, and stops when another backend declared it interrupted', async () => {
    const { knex, store, worker, logger, release } = await setup();
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: ADMIN,
    });
    await worker.round();
    // The round returned while the run goes on.
    expect(worker.currentRunId()).toBe(run.id);
    const started = await store.get(run.id);
    expect(started.status).toBe('running');
    await new Promise(r => setTimeout(r, 2200));
    const beat = await store.get(run.id);
    expect(Date.parse(beat.heartbeatAt!)).toBeGreaterThan(
      Date.parse(started.heartbeatAt!),
    );

    // Another replica's round, from a clock a minute ahead: this one looks dead.
    const ahead = new FleetRunStore(knex, () => new Date(Date.now() + 60_000));
    expect((await ahead.markStaleInterrupted(1)).map(r => r.id)).toEqual([
      run.id,
    ]);
    await new Promise(r => setTimeout(r, 1500));
    release();
    await worker.idle();
    expect(worker.currentRunId()).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      `fleet run ${run.id} is no longer this backend's; stopping it`,
    );
    // The other replica's verdict stands; this worker's late end is refused.
    const ended = await store.get(run.id);
    expect(ended.status).toBe('interrupted');
    expect(ended.error).toMatch(
      /^Interrupted: the backend running this fleet plan stopped/,
    );
    expect(ended.plan).toBeUndefined();
  });

  it('ends a rollout whose plan is not stored as failed, saying what to do', async () => {
    const { store, worker, release } = await setup();
    release();
    const run = await store.create({
      kind: 'rollout',
      toVersion: '1.1.0',
      initiator: ADMIN,
      planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
    });
    await worker.round();
    await worker.idle();
    const ended = await store.get(run.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toBe(
      `fleet rollout ${run.id} has no stored plan (plan run 6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01); run a fleet plan and roll that out`,
    );
    expect(await store.listActive()).toEqual([]);
  });

  it('ends a plan of an empty fleet as succeeded, and takes no run after stop', async () => {
    const { store, worker, release } = await setup();
    release();
    const first = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: ADMIN,
    });
    await worker.round();
    await worker.idle();
    const done = await store.get(first.id);
    expect(done.status).toBe('succeeded');
    expect(done.plan).toMatchObject({ toVersion: '1.1.0', environments: [] });

    await worker.stop();
    const second = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: ADMIN,
    });
    await worker.round();
    expect((await store.get(second.id)).status).toBe('queued');
  });

  it('leaves a run of another stack version queued for a backend of that version, and fails it once none claimed it in time', async () => {
    const {
      knex,
      store,
      worker: oldWorker,
      logger,
      release,
      fleetRegistry,
    } = await setup('1.0.0');
    release();
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: ADMIN,
    });
    await oldWorker.round();
    expect(oldWorker.currentRunId()).toBeUndefined();
    expect((await store.get(run.id)).status).toBe('queued');

    // A backend running 1.1.0 claims it and plans it with its own code.
    const newWorker = new FleetWorker({
      store,
      registry: fleetRegistry,
      config: parseDataEnclaveConfig({ stackVersion: '1.1.0' }),
      logger: mockServices.logger.mock(),
    });
    await newWorker.round();
    expect(newWorker.currentRunId()).toBe(run.id);
    await newWorker.idle();
    expect((await store.get(run.id)).status).toBe('succeeded');

    // A run of 1.2.0, which no backend runs: the old worker's round, from a
    // clock past staleAfterSeconds (1 s), fails it.
    const stuck = await store.create({
      kind: 'plan',
      toVersion: '1.2.0',
      initiator: ADMIN,
    });
    await oldWorker.round();
    expect((await store.get(stuck.id)).status).toBe('queued');
    await new Promise(r => setTimeout(r, 1100));
    await oldWorker.round();
    const failed = await store.get(stuck.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(
      `fleet plan ${stuck.id} targets stack version 1.2.0, but no backend running 1.2.0 claimed it within 1 s (dataEnclave.operations.staleAfterSeconds; this backend runs 1.0.0). Nothing was planned or applied; start the fleet plan again once every replica runs 1.2.0.`,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      `fleet run ${stuck.id}: ${failed.error}`,
    );
    expect(oldWorker.currentRunId()).toBeUndefined();
    expect(
      await knex('enclave_fleet_runs').where({ status: 'queued' }),
    ).toEqual([]);
  });

  it('re-checks the version before executing: a run of another version that reached it ends failed, nothing planned', async () => {
    const { knex, fleetRegistry, release } = await setup();
    release();
    // A store whose claim forgets the version filter (a stand-in for a
    // future regression of that query): the worker's own check stops it.
    class VersionBlindStore extends FleetRunStore {
      claimNextQueued(workerId: string) {
        return super.claimNextQueued(workerId, '1.2.0');
      }
    }
    const store = new VersionBlindStore(knex);
    const worker = new FleetWorker({
      store,
      registry: fleetRegistry,
      config: parseDataEnclaveConfig({ stackVersion: '1.1.0' }),
      logger: mockServices.logger.mock(),
    });
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.2.0',
      initiator: ADMIN,
    });
    await worker.round();
    await worker.idle();
    const ended = await store.get(run.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toBe(
      `fleet plan ${run.id} targets stack version 1.2.0 but this backend runs 1.1.0; nothing was planned or applied. Start the fleet plan again once every replica runs 1.2.0`,
    );
    expect(ended.plan).toBeUndefined();
  });
});

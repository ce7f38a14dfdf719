/*
 * A fleet run survives a backend restart as a clear outcome, never as a
 * fleet or an environment stuck busy:
 *  (a) a graceful shutdown while a run executes ends it `interrupted` and
 *      closes the environment claims it held;
 *  (b) a run left `running` by a process that died (stale heartbeat, a
 *      claim under its fleet task id) is declared interrupted by the next
 *      backend's worker, and the reconciler releases the claim.
 *
 * Real: the test backend, its database (SQLite and PostgreSQL), the store,
 * the worker, the reconciler, and (a) the real terraform (offline mirror,
 * plan-mode provider). The scheduler is Backstage's MockSchedulerService:
 * it runs the real task functions, at startup and when triggered.
 * Mocked: nothing of AWS is reached (plan mode).
 */
import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { fleetTaskId } from '@data-enclave/plugin-enclave-common';
import request from 'supertest';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createPlannedEnvironment,
  describeFleetEngine,
  fleetAdminHeader,
  fleetTestConfig,
} from '../__testUtils__/fleetTestFleet';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';
import { testEnvironmentRequest } from '../__testUtils__/testRegistry';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { RECONCILER_TASK_ID } from '../reconciler/scheduleReconciler';
import { FleetRunStore } from './FleetRunStore';

const describeEngine = describeFleetEngine('the fleet restart test');
const databases = createEnclaveTestDatabases();
const admin = fleetAdminHeader;

describe.each(databases.eachSupportedId())(
  'fleet runs across a restart on %s',
  dbId => {
    jest.setTimeout(300_000);

    describeEngine('with the real terraform', () => {
      it('a shutdown while a fleet plan runs ends it interrupted and releases its environment', async () => {
        const knex = await databases.init(dbId);
        const backend = await startEnclaveTestBackend({
          knex,
          config: fleetTestConfig(),
        });
        const env = await createPlannedEnvironment(
          backend.server,
          'alpha',
          '1.0.0',
        );
        const started = await request(backend.server)
          .post('/api/enclave/fleet/plans')
          .set('Authorization', admin())
          .send({});
        expect(started.status).toBe(202);
        const runs = new FleetRunStore(knex);
        const store = new EnvironmentStore(knex);
        // Wait until terraform plans the environment under the run's claim.
        for (;;) {
          const run = await runs.get(started.body.id);
          expect(run.status).toMatch(/^(queued|running)$/);
          if (run.progress[env.id]?.phase === 'plan') break;
          await new Promise(r => setTimeout(r, 200));
        }
        expect((await store.get(env.id)).currentOperation?.taskId).toBe(
          fleetTaskId(started.body.id),
        );

        await backend.stop();

        const run = await runs.get(started.body.id);
        expect(run.status).toBe('interrupted');
        expect(run.error).toMatch(
          /^Interrupted: the backend shut down while this fleet plan ran.*Start the fleet plan again\.$/,
        );
        // The partial result says what happened to the one it held.
        const [entry] = run.plan!.environments;
        expect(entry).toMatchObject({
          environmentId: env.id,
          status: 'failed',
          // SIGINT, so terraform saved its state and released its lock.
          error: expect.stringMatching(/^terraform plan was cancelled/),
        });
        const after = await store.get(env.id);
        expect(after.currentOperation).toBeUndefined();
        expect(after.state).toBe('planned');
        expect(after.stackVersion).toBe('1.0.0');
        const op = (await store.listOperations(env.id)).find(
          o => o.taskId === fleetTaskId(run.id),
        );
        expect(op?.result).toBe('failed');
        expect(await runs.listActive()).toEqual([]);
      });
    });

    it('a run left running by a dead backend is interrupted by the next one, and its claim released', async () => {
      const knex = await databases.init(dbId);
      await applyDatabaseMigrations(knex);
      const store = new EnvironmentStore(knex);
      const env = await store.create(
        testEnvironmentRequest({ name: 'orphaned', state: 'planned' }),
      );
      // The dead process: it claimed the run ten minutes ago and last beat then,
      // and it held the environment under the run's fleet task id.
      const tenMinutesAgo = new Date(Date.now() - 600_000);
      const deadRuns = new FleetRunStore(knex, () => tenMinutesAgo);
      const run = await deadRuns.create({
        kind: 'plan',
        toVersion: '1.1.0',
        initiator: TEST_USERS.carol,
      });
      await deadRuns.claimNextQueued('dead-process', '1.1.0');
      await store.startOperation(env.id, {
        kind: 'upgrade',
        initiator: TEST_USERS.carol,
        taskId: fleetTaskId(run.id),
        busyState: 'updating',
        allowedStates: ['planned'],
      });

      // mockServices.scheduler() is Backstage's MockSchedulerService, typed as
      // SchedulerService: its factory() installs this very instance, so the
      // test can trigger the reconciler's round instead of waiting for it.
      const scheduler = mockServices.scheduler() as SchedulerService & {
        factory(): ServiceFactory;
      };
      const backend = await startEnclaveTestBackend({
        knex,
        config: fleetTestConfig({
          operations: { heartbeatSeconds: 1, staleAfterSeconds: 60 },
        }),
        features: [scheduler.factory()],
      });
      try {
        // The worker's first round ran at startup.
        const runs = new FleetRunStore(knex);
        const interrupted = await runs.get(run.id);
        expect(interrupted.status).toBe('interrupted');
        expect(interrupted.error).toMatch(
          /^Interrupted: the backend running this fleet plan stopped \(no heartbeat for 600 s; dataEnclave\.operations\.staleAfterSeconds: 60\)\. The environments it held are released; start the fleet plan again\.$/,
        );
        // The environment's own heartbeat is fresh; the run's end releases it.
        expect((await store.get(env.id)).currentOperation?.taskId).toBe(
          fleetTaskId(run.id),
        );
        await scheduler.triggerTask(RECONCILER_TASK_ID);
        const released = await store.get(env.id);
        expect(released.currentOperation).toBeUndefined();
        expect(released.state).toBe('planned');
        expect(released.lastError).toMatch(
          /^Released by the reconciler: upgrade \(task fleet:[0-9a-f-]{36}\) ended as cancelled/,
        );
        // The fleet is free: an admin can start again.
        const again = await request(backend.server)
          .post('/api/enclave/fleet/plans')
          .set('Authorization', admin())
          .send({});
        expect(again.status).toBe(202);
      } finally {
        await backend.stop();
      }
    });
  },
);

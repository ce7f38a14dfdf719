import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';
import { RECONCILER_TASK_ID, scheduleReconciler } from './scheduleReconciler';

/**
 * The schedule settings are what make the reconciler run once across
 * replicas; the behaviour with two real backends on one PostgreSQL is proved
 * by scripts/multi-replica-test.sh ("the reconciler runs once across
 * replicas"), which reads the round line checked here.
 */
describe('scheduleReconciler', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  it('schedules one global task at the configured interval and logs each round with its start and duration', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();
    const registry = new EnvironmentRegistry(
      new EnvironmentStore(knex),
      { publish: jest.fn(), subscribe: jest.fn() } as any,
      logger,
    );

    await scheduleReconciler({
      config: parseDataEnclaveConfig({
        operations: { reconcileInterval: { seconds: 4 } },
      }),
      registry,
      scheduler,
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger,
      tasks: { getTask: async () => ({ status: 'processing' }) },
    });

    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock
      .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
    expect(task).toMatchObject({
      id: RECONCILER_TASK_ID,
      frequency: { seconds: 4 },
      scope: 'global',
      timeout: { minutes: 2 },
    });

    await task.fn(new AbortController().signal);
    const line = logger.info.mock.calls
      .map(c => String(c[0]))
      .find(m => m.startsWith('Operation reconciler round'));
    // The pattern scripts/multi-replica/run.mjs parses.
    expect(line).toMatch(
      /^Operation reconciler round: 0 in flight, 0 released \(started \d{4}-\d\d-\d\dT[\d:.]+Z, took \d+ ms\)$/,
    );
  });
});

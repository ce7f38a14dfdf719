/*
 * Terraform's output of a backend fleet run reaches the backend's log, per
 * run and per environment: the worker plans one planned environment with
 * the real terraform 1.11.4 (offline provider mirror, plan mode: no AWS is
 * reached, nothing is mocked but the logger, which records). SQLite only:
 * the database plays no part in where the lines go.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  EXAMPLE_SPEC,
  fleetTestConfig,
  PROVIDER_MIRROR,
} from '../__testUtils__/fleetTestFleet';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import { fleetRegistryFor } from '../service/fleetRegistry';
import { FleetRunStore } from './FleetRunStore';
import { FleetWorker } from './FleetWorker';

if (!PROVIDER_MIRROR && process.env.CI === 'true') {
  throw new Error(
    'this test needs the hashicorp/aws 5.100.0 provider mirror under CI (set ENCLAVE_TF_PROVIDER_MIRROR)',
  );
}
const describeEngine = PROVIDER_MIRROR ? describe : describe.skip;
const databases = createEnclaveTestDatabases();

describeEngine('FleetWorker terraform log', () => {
  jest.setTimeout(600_000);

  it('logs the run’s terraform lines at info on a child logger per run and environment', async () => {
    const { knex, registry } = await createTestRegistry(databases, 'SQLITE_3');
    const env = await registry.create(
      testEnvironmentRequest({
        name: 'alpha',
        state: 'planned',
        stackVersion: '1.0.0',
        spec: { ...EXAMPLE_SPEC, name: 'alpha', stackVersion: '1.0.0' },
      }),
    );
    const store = new FleetRunStore(knex);
    const logger = mockServices.logger.mock();
    const worker = new FleetWorker({
      store,
      registry: fleetRegistryFor(registry),
      config: parseDataEnclaveConfig(fleetTestConfig().dataEnclave),
      logger,
    });
    const run = await store.create({
      kind: 'plan',
      toVersion: '1.1.0',
      initiator: 'user:default/carol',
    });
    await worker.round();
    await worker.idle();
    expect((await store.get(run.id)).status).toBe('succeeded');

    expect(logger.child).toHaveBeenCalledWith({ fleetRun: run.id });
    const runLogger = logger.child.mock.results[0].value as ReturnType<
      typeof mockServices.logger.mock
    >;
    expect(runLogger.child).toHaveBeenCalledTimes(1);
    expect(runLogger.child).toHaveBeenCalledWith({ environment: env.name });
    const envLogger = runLogger.child.mock.results[0].value as ReturnType<
      typeof mockServices.logger.mock
    >;
    const lines = envLogger.info.mock.calls.map(([line]) => line);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toContain('Plan: 100 to add, 0 to change, 0 to destroy.');
  });
});

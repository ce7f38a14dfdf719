import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DataEnclaveConfig,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import {
  DRIFT_TASK_ID,
  DriftDeps,
  readDriftSchedule,
  runDriftChecks,
  scheduleDriftChecks,
} from './driftSchedule';

const databases = createEnclaveTestDatabases();
const terraformEnv = async () => ({ AWS_ACCESS_KEY_ID: 'test' });
const applyConfig = parseDataEnclaveConfig({ mode: 'apply' });
const rootConfig = (drift: object) =>
  new ConfigReader({ dataEnclave: { drift } });

/**
 * The registry is real (EnvironmentStore on each test database); the check
 * itself is a jest stand-in for enclave-node's checkDrift, which needs AWS
 * credentials to refresh (its plan JSON parsing is tested in enclave-node).
 */
describe.each(databases.eachSupportedId())('drift checks on %s', id => {
  async function setup(state: 'ready' | 'planned') {
    const { registry } = await createTestRegistry(databases, id);
    const created = await registry.create(testEnvironmentRequest());
    await registry.update(created.id, { state });
    /** One round with `check` standing in for checkDrift. */
    const round = (
      check: DriftDeps['check'],
      config: DataEnclaveConfig = applyConfig,
    ) =>
      runDriftChecks({
        config,
        registry,
        terraformEnv: config.mode === 'apply' ? terraformEnv : undefined,
        logger: mockServices.logger.mock(),
        check,
      });
    return { registry, id: created.id, round };
  }

  it('records driftSummary and a drift-check operation for each ready environment', async () => {
    const { registry, id: envId, round } = await setup('ready');
    const check = jest.fn(async () => ({
      checkedAt: '2026-11-25T03:00:00.000Z',
      changes: 1,
      addresses: ['aws_security_group.workspaces'],
    }));
    expect(await round(check)).toEqual({ checked: 1, failed: 0 });
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({
        stackVersion: '1.0.0',
        env: { AWS_ACCESS_KEY_ID: 'test' },
      }),
    );
    expect((await registry.get(envId)).driftSummary).toEqual({
      checkedAt: '2026-11-25T03:00:00.000Z',
      changes: 1,
    });
    expect(await registry.listOperations(envId)).toContainEqual(
      expect.objectContaining({
        kind: 'drift-check',
        result: 'succeeded',
        detail: { addresses: ['aws_security_group.workspaces'] },
      }),
    );
  });

  it('skips environments that are not ready, and records a failed check', async () => {
    const { registry, id: envId, round } = await setup('planned');
    const check = jest.fn();
    expect(await round(check)).toEqual({ checked: 0, failed: 0 });
    expect(check).not.toHaveBeenCalled();

    await registry.update(envId, { state: 'ready' });
    const failing = jest.fn(async () => {
      throw new Error('terraform plan failed: state locked');
    });
    expect(await round(failing)).toEqual({ checked: 0, failed: 1 });
    expect(await registry.listOperations(envId)).toContainEqual(
      expect.objectContaining({
        kind: 'drift-check',
        result: 'failed',
        error: 'terraform plan failed: state locked',
      }),
    );
  });

  it('checks nothing without terraform credentials (plan mode)', async () => {
    const { round } = await setup('ready');
    const check = jest.fn();
    expect(await round(check, parseDataEnclaveConfig({}))).toEqual({
      checked: 0,
      failed: 0,
    });
    expect(check).not.toHaveBeenCalled();
  });
});

describe('drift schedule', () => {
  const registry = { list: jest.fn(), update: jest.fn() };

  it('is off by default in plan mode and on in apply mode, globally, on the configured schedule', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const schedule = readDriftSchedule(rootConfig({ interval: 'PT30M' }));
    expect(
      await scheduleDriftChecks({
        config: parseDataEnclaveConfig({}),
        schedule,
        registry,
        logger,
        scheduler,
      }),
    ).toBe(false);
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();

    expect(
      await scheduleDriftChecks({
        config: applyConfig,
        schedule,
        registry,
        terraformEnv,
        logger,
        scheduler,
      }),
    ).toBe(true);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: DRIFT_TASK_ID,
        frequency: { minutes: 30 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 5 },
        scope: 'global',
      }),
    );
  });

  it('reads the legacy interval (ISO 8601 or object), 6 hours by default', () => {
    expect(readDriftSchedule(new ConfigReader({}))).toEqual({
      frequency: { hours: 6 },
      timeout: { hours: 6 },
      initialDelay: { minutes: 5 },
      scope: 'global',
    });
    expect(
      readDriftSchedule(rootConfig({ interval: 'P1DT2H' })).frequency,
    ).toEqual({ days: 1, hours: 2 });
    expect(
      readDriftSchedule(rootConfig({ interval: { hours: 3 } })).frequency,
    ).toEqual({ hours: 3 });
  });

  it('reads drift.schedule with Backstage’s task schedule reader, which wins over interval', () => {
    expect(
      readDriftSchedule(
        rootConfig({
          interval: { hours: 3 },
          schedule: {
            frequency: { cron: '0 3 * * *' },
            timeout: { hours: 2 },
          },
        }),
      ),
    ).toEqual({
      frequency: { cron: '0 3 * * *' },
      timeout: { hours: 2 },
      initialDelay: { minutes: 5 },
      scope: 'global',
    });
    // Without a timeout, a round may take as long as its frequency.
    expect(
      readDriftSchedule(rootConfig({ schedule: { frequency: { hours: 12 } } }))
        .timeout,
    ).toEqual({ hours: 12 });
  });

  it('refuses a local scope and a bad duration, naming the key', () => {
    expect(() =>
      readDriftSchedule(
        rootConfig({ schedule: { frequency: { hours: 1 }, scope: 'local' } }),
      ),
    ).toThrow(/dataEnclave\.drift\.schedule\.scope: .*set it to global/);
    expect(() =>
      readDriftSchedule(rootConfig({ schedule: { frequency: 'often' } })),
    ).toThrow(/dataEnclave\.drift\.schedule: .*frequency/);
  });
});

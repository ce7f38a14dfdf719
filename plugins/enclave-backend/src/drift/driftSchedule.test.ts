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
 * The registry is real (EnvironmentStore on each test database), and so is
 * the claim; the check itself is a jest stand-in for enclave-node's
 * checkDrift, which needs AWS credentials to refresh (its plan JSON parsing
 * is tested in enclave-node).
 */
describe.each(databases.eachSupportedId())('drift checks on %s', id => {
  async function setup(state: 'ready' | 'planned') {
    const { registry } = await createTestRegistry(databases, id);
    const created = await registry.create(testEnvironmentRequest({ state }));
    const logger = mockServices.logger.mock();
    /** One round with `check` standing in for checkDrift. */
    const round = (
      check: DriftDeps['check'],
      config: DataEnclaveConfig = applyConfig,
      roundRegistry: DriftDeps['registry'] = registry,
    ) =>
      runDriftChecks({
        config,
        registry: roundRegistry,
        terraformEnv: config.mode === 'apply' ? terraformEnv : undefined,
        logger,
        check,
      });
    return { registry, id: created.id, round, logger };
  }

  it('claims each ready environment for the check, records driftSummary and the drift-check operation, and releases it', async () => {
    const { registry, id: envId, round } = await setup('ready');
    await registry.update(envId, { lastError: 'an earlier upgrade failed' });
    const seen: Array<{ state: string; kind?: string; taskId?: string }> = [];
    const check = jest.fn(async () => {
      const during = await registry.get(envId);
      seen.push({
        state: during.state,
        kind: during.currentOperation?.kind,
        taskId: during.currentOperation?.taskId,
      });
      return {
        checkedAt: '2026-11-25T03:00:00.000Z',
        changes: 1,
        addresses: ['aws_security_group.workspaces'],
      };
    });
    expect(await round(check)).toEqual({ checked: 1, failed: 0, skipped: 0 });
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({
        stackVersion: '1.0.0',
        env: { AWS_ACCESS_KEY_ID: 'test' },
      }),
    );
    // While it checked, the environment was held like any operation.
    expect(seen).toEqual([
      {
        state: 'updating',
        kind: 'drift-check',
        taskId: expect.stringMatching(/^drift:[0-9a-f-]{36}$/),
      },
    ]);
    const after = await registry.get(envId);
    expect(after).toMatchObject({
      state: 'ready',
      driftSummary: { checkedAt: '2026-11-25T03:00:00.000Z', changes: 1 },
      // The card's error is not the drift check's to clear.
      lastError: 'an earlier upgrade failed',
    });
    expect(after.currentOperation).toBeUndefined();
    const operations = await registry.listOperations(envId);
    expect(operations.filter(o => o.kind === 'drift-check')).toEqual([
      expect.objectContaining({
        kind: 'drift-check',
        initiator: 'scheduler:enclave-drift-check',
        taskId: seen[0].taskId,
        result: 'succeeded',
        detail: { addresses: ['aws_security_group.workspaces'] },
        finishedAt: expect.any(String),
      }),
    ]);
  });

  it('skips environments that are not ready, and records a failed check', async () => {
    const { registry, id: envId, round } = await setup('planned');
    const check = jest.fn();
    expect(await round(check)).toEqual({ checked: 0, failed: 0, skipped: 0 });
    expect(check).not.toHaveBeenCalled();

    await registry.update(envId, { state: 'ready' });
    const failing = jest.fn(async () => {
      throw new Error('terraform plan failed: state locked');
    });
    expect(await round(failing)).toEqual({ checked: 0, failed: 1, skipped: 0 });
    expect(await registry.listOperations(envId)).toContainEqual(
      expect.objectContaining({
        kind: 'drift-check',
        result: 'failed',
        error: 'terraform plan failed: state locked',
      }),
    );
    // Released back to ready, and the card shows no drift-check error.
    const after = await registry.get(envId);
    expect(after.state).toBe('ready');
    expect(after.lastError).toBeUndefined();
    expect(after.currentOperation).toBeUndefined();
  });

  it('skips an environment another task holds, recording nothing on it', async () => {
    const { registry, id: envId, round, logger } = await setup('ready');
    // A person's upgrade holds it from `ready` (state updating).
    await registry.startOperation(envId, {
      kind: 'upgrade',
      initiator: 'user:default/alice',
      taskId: 'task-upgrade',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    const operationsBefore = await registry.listOperations(envId);
    // Listed while ready, claimed by the upgrade before the round reached it.
    const listedReady: DriftDeps['registry'] = {
      list: async () =>
        (await registry.list()).map(e => ({ ...e, state: 'ready' as const })),
      get: registry.get.bind(registry),
      startOperation: registry.startOperation.bind(registry),
      heartbeat: registry.heartbeat.bind(registry),
      finishOperation: registry.finishOperation.bind(registry),
    };
    const check = jest.fn();
    expect(await round(check, applyConfig, listedReady)).toEqual({
      checked: 0,
      failed: 0,
      skipped: 1,
    });
    expect(check).not.toHaveBeenCalled();
    expect(await registry.listOperations(envId)).toEqual(operationsBefore);
    const after = await registry.get(envId);
    expect(after.currentOperation).toMatchObject({
      kind: 'upgrade',
      taskId: 'task-upgrade',
    });
    expect(after.driftSummary).toBeUndefined();
    expect(logger.debug).toHaveBeenCalledWith(
      'Drift check of group:default/data-science/analytics skipped: updating (upgrade by user:default/alice)',
    );
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('steps aside while a fleet run is active: nothing claimed, the next round checks', async () => {
    const { registry, id: envId, logger } = await setup('ready');
    const operationsBefore = await registry.listOperations(envId);
    const check = jest.fn();
    expect(
      await runDriftChecks({
        config: applyConfig,
        registry,
        terraformEnv,
        logger,
        check,
        fleetActive: async () => true,
      }),
    ).toEqual({ checked: 0, failed: 0, skipped: 1 });
    expect(check).not.toHaveBeenCalled();
    expect(await registry.listOperations(envId)).toEqual(operationsBefore);
    expect((await registry.get(envId)).currentOperation).toBeUndefined();
    expect(logger.info).toHaveBeenCalledWith(
      'Drift check round stops: a fleet run is active; 1 environment(s) wait for the next round',
    );
  });

  it('skips an environment whose claim loses the race to another task (ConflictError)', async () => {
    const { registry, id: envId, round, logger } = await setup('ready');
    // The upgrade claims it between the round's re-read and its claim.
    const racing: DriftDeps['registry'] = {
      list: registry.list.bind(registry),
      get: async environmentId => {
        const fresh = await registry.get(environmentId);
        await registry.startOperation(environmentId, {
          kind: 'upgrade',
          initiator: 'user:default/alice',
          taskId: 'task-upgrade',
          busyState: 'updating',
          allowedStates: ['ready'],
        });
        return fresh;
      },
      startOperation: registry.startOperation.bind(registry),
      heartbeat: registry.heartbeat.bind(registry),
      finishOperation: registry.finishOperation.bind(registry),
    };
    const check = jest.fn();
    expect(await round(check, applyConfig, racing)).toEqual({
      checked: 0,
      failed: 0,
      skipped: 1,
    });
    expect(check).not.toHaveBeenCalled();
    const operations = await registry.listOperations(envId);
    expect(operations.filter(o => o.kind === 'drift-check')).toEqual([]);
    expect(operations).toContainEqual(
      expect.objectContaining({ kind: 'upgrade', result: 'running' }),
    );
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Drift check of group:default\/data-science\/analytics skipped: environment data-science\/analytics is updating \(upgrade by user:default\/alice, task task-upgrade\)/,
      ),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('checks nothing without terraform credentials (plan mode)', async () => {
    const { round } = await setup('ready');
    const check = jest.fn();
    expect(await round(check, parseDataEnclaveConfig({}))).toEqual({
      checked: 0,
      failed: 0,
      skipped: 0,
    });
    expect(check).not.toHaveBeenCalled();
  });
});

describe('drift schedule', () => {
  // Never called: these tests only schedule the round.
  const registry = {
    list: jest.fn(),
    get: jest.fn(),
    startOperation: jest.fn(),
    heartbeat: jest.fn(),
    finishOperation: jest.fn(),
  };

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

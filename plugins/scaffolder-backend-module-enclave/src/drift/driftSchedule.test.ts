import { mockServices } from '@backstage/backend-test-utils';
import { testConfig } from '../__testUtils__/actionHarness';
import {
  LifecycleRegistry,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import {
  DRIFT_TASK_ID,
  runDriftChecks,
  scheduleDriftChecks,
  toHumanDuration,
} from './driftSchedule';

const apply = { terraformEnv: async () => ({ AWS_ACCESS_KEY_ID: 'test' }) };

describe('drift checks', () => {
  it('records driftSummary and a drift-check operation for each ready environment', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, { state: 'ready' });
    const check = jest.fn(async () => ({
      checkedAt: '2026-11-25T03:00:00.000Z',
      changes: 1,
      addresses: ['aws_security_group.workspaces'],
    }));
    const result = await runDriftChecks({
      config: testConfig({ mode: 'apply' }),
      registry,
      apply,
      logger: mockServices.logger.mock(),
      check,
    });
    expect(result).toEqual({ checked: 1, failed: 0 });
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({
        stackVersion: '1.0.0',
        env: { AWS_ACCESS_KEY_ID: 'test' },
      }),
    );
    expect(registry.get('env-1')!.driftSummary).toEqual({
      checkedAt: '2026-11-25T03:00:00.000Z',
      changes: 1,
    });
    expect(registry.operations).toEqual([
      expect.objectContaining({ kind: 'drift-check', result: 'succeeded' }),
    ]);
  });

  it('skips environments that are not ready, and records a failed check', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, { state: 'planned' });
    const check = jest.fn();
    expect(
      await runDriftChecks({
        config: testConfig({ mode: 'apply' }),
        registry,
        apply,
        logger: mockServices.logger.mock(),
        check,
      }),
    ).toEqual({ checked: 0, failed: 0 });
    expect(check).not.toHaveBeenCalled();

    await registry.updateEnvironment('env-1', { state: 'ready' });
    const failing = jest.fn(async () => {
      throw new Error('terraform plan failed: state locked');
    });
    expect(
      await runDriftChecks({
        config: testConfig({ mode: 'apply' }),
        registry,
        apply,
        logger: mockServices.logger.mock(),
        check: failing,
      }),
    ).toEqual({ checked: 0, failed: 1 });
    expect(registry.operations.at(-1)).toMatchObject({
      kind: 'drift-check',
      result: 'failed',
      error: 'terraform plan failed: state locked',
    });
  });

  it('is off by default in plan mode and on in apply mode, at the configured interval', async () => {
    const registry = new LifecycleRegistry();
    const scheduler = { scheduleTask: jest.fn() } as any;
    const logger = mockServices.logger.mock();
    expect(
      await scheduleDriftChecks({
        config: testConfig(),
        registry,
        logger,
        scheduler,
      }),
    ).toBe(false);
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();

    expect(
      await scheduleDriftChecks({
        config: testConfig({ mode: 'apply', drift: { interval: 'PT30M' } }),
        registry,
        apply,
        logger,
        scheduler,
      }),
    ).toBe(true);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: DRIFT_TASK_ID,
        frequency: { minutes: 30 },
        scope: 'global',
      }),
    );
  });

  it('reads ISO 8601 and object intervals', () => {
    expect(toHumanDuration('P1DT2H')).toEqual({ days: 1, hours: 2 });
    expect(toHumanDuration({ hours: 6 })).toEqual({ hours: 6 });
    expect(() => testConfig({ drift: { interval: 'six hours' } })).toThrow(
      /dataEnclave.drift.interval/,
    );
  });
});

import { fleetRow, fleetStatus, planRun } from '../../testing/fleetFixtures';
import { planReadiness, rolloutReadiness } from './fleetReadiness';

const rows = ['a', 'b'].map(name => fleetRow(name));

describe('rolloutReadiness', () => {
  it('offers the rollout of a succeeded plan for the platform version', () => {
    const fleet = fleetStatus(rows, { latestPlan: planRun(rows, {}, ['b']) });
    expect(rolloutReadiness(fleet, undefined)).toEqual({
      enabled: true,
      planRunId: fleet.latestPlan!.id,
      safe: 1,
      held: 1,
      excluded: 0,
    });
  });

  it.each([
    ['failed', 'The last fleet plan failed; plan again.'],
    ['interrupted', 'The last fleet plan interrupted; plan again.'],
  ] as const)('refuses a plan that %s', (status, reason) => {
    const fleet = fleetStatus(rows, { latestPlan: planRun(rows, { status }) });
    expect(rolloutReadiness(fleet, undefined)).toMatchObject({
      enabled: false,
      reason,
    });
  });

  it('refuses a plan with no safe environment', () => {
    const fleet = fleetStatus(rows, {
      latestPlan: planRun(rows, {}, ['a', 'b']),
    });
    expect(rolloutReadiness(fleet, undefined)).toMatchObject({
      enabled: false,
      held: 2,
      reason: 'The last fleet plan has no safe upgrade.',
    });
  });

  it('refuses a plan that a succeeded rollout already rolled out', () => {
    const plan = planRun(rows);
    const fleet = fleetStatus(rows, {
      latestPlan: plan,
      latestRollout: {
        ...plan,
        id: 'rollout-1',
        kind: 'rollout',
        planRunId: plan.id,
      },
    });
    expect(rolloutReadiness(fleet, undefined)).toMatchObject({
      enabled: false,
      reason: 'This plan is rolled out; plan again for what is behind.',
    });
  });

  it('refuses both while a run is active', () => {
    const active = planRun(rows, { status: 'running' });
    const fleet = fleetStatus(rows, { latestPlan: planRun(rows) });
    expect(rolloutReadiness(fleet, active)).toMatchObject({ enabled: false });
    expect(planReadiness(fleet, active)).toEqual({
      enabled: false,
      reason: 'A fleet plan is running.',
    });
  });
});

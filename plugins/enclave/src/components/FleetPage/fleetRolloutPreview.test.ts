import { fleetRow, fleetStatus, planRun } from '../../testing/fleetFixtures';
import { rolloutPreview } from './fleetRolloutPreview';

describe('rolloutPreview', () => {
  it('splits the safe environments by what the rollout does to them', () => {
    const rows = [
      fleetRow('applied-1', { state: 'ready' }),
      fleetRow('applied-2', { state: 'ready' }),
      fleetRow('planned-1'),
      fleetRow('held', { state: 'ready' }),
      fleetRow('changed', { state: 'failed' }),
    ];
    const plan = planRun(rows, {}, ['held']);
    // One safe entry whose environment is no longer in GET /fleet.
    plan.plan!.environments.push({
      ...plan.plan!.environments[0],
      environmentId: 'id-gone',
      name: 'gone',
    });
    expect(rolloutPreview(fleetStatus(rows, { latestPlan: plan }))).toEqual({
      applied: 2,
      planned: 1,
      changed: 2,
    });
  });

  it('counts nothing without a plan', () => {
    expect(rolloutPreview(fleetStatus([fleetRow('a')]))).toEqual({
      applied: 0,
      planned: 0,
      changed: 0,
    });
  });
});

import { ConflictError, InputError } from '@backstage/errors';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import { applyDatabaseMigrations } from '../database/migrations';
import { FleetRunService } from './FleetRunService';
import { FleetRunStore } from './FleetRunStore';

const databases = createEnclaveTestDatabases();
const ADMIN = 'user:default/carol';

describe.each(databases.eachSupportedId())('FleetRunService on %s', id => {
  async function setup() {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const runs = new FleetRunStore(knex);
    const wake = jest.fn(async () => {});
    const service = new FleetRunService({
      config: parseDataEnclaveConfig({
        stackVersion: '1.2.0',
        fleet: { canarySize: 3 },
      }),
      runs,
      wake,
    });
    /** A plan run of `toVersion` that ended with `status`. */
    const endedPlan = async (
      status: 'succeeded' | 'failed' | 'interrupted',
      toVersion = '1.2.0',
    ) => {
      const plan = await runs.create({
        kind: 'plan',
        toVersion,
        initiator: ADMIN,
      });
      await runs.claimNextQueued('w', toVersion);
      await runs.finish(plan.id, 'w', { status });
      return plan.id;
    };
    return { runs, service, wake, endedPlan };
  }

  it('queues a plan for dataEnclave.stackVersion and wakes the worker', async () => {
    const { service, wake } = await setup();
    const run = await service.startPlan({ concurrency: 2 }, ADMIN);
    expect(run).toMatchObject({
      kind: 'plan',
      status: 'queued',
      toVersion: '1.2.0',
      initiator: ADMIN,
    });
    expect(wake).toHaveBeenCalledTimes(1);
    await expect(service.startPlan({}, ADMIN)).rejects.toThrow(ConflictError);
    // Not finished yet, so nothing to roll out.
    await expect(
      service.startRollout({ planRunId: run.id }, ADMIN),
    ).rejects.toThrow(
      new ConflictError(
        `fleet plan ${run.id} is queued; only a succeeded plan can be rolled out: wait for it to finish`,
      ),
    );
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('rolls out only a succeeded plan of the current version, with the configured canary', async () => {
    const { service, endedPlan, wake } = await setup();
    await expect(
      service.startRollout(
        { planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01' },
        ADMIN,
      ),
    ).rejects.toThrow(InputError);

    const failed = await endedPlan('failed');
    await expect(
      service.startRollout({ planRunId: failed }, ADMIN),
    ).rejects.toThrow(
      new ConflictError(
        `fleet plan ${failed} is failed; only a succeeded plan can be rolled out: start a new fleet plan`,
      ),
    );
    const old = await endedPlan('succeeded', '1.1.0');
    await expect(
      service.startRollout({ planRunId: old }, ADMIN),
    ).rejects.toThrow(
      new ConflictError(
        `fleet plan ${old} targets 1.1.0, but dataEnclave.stackVersion is now 1.2.0; plan the fleet again for 1.2.0`,
      ),
    );
    expect(wake).not.toHaveBeenCalled();

    const good = await endedPlan('succeeded');
    const rollout = await service.startRollout({ planRunId: good }, ADMIN);
    expect(rollout).toMatchObject({
      kind: 'rollout',
      status: 'queued',
      planRunId: good,
      canarySize: 3,
      toVersion: '1.2.0',
    });
    expect(wake).toHaveBeenCalledTimes(1);
    // The queued rollout holds the fleet: the next one gets a 409.
    await expect(
      service.startRollout({ planRunId: good, canarySize: 1 }, ADMIN),
    ).rejects.toThrow(ConflictError);
  });
});

/*
 * Starting and reading fleet runs. A start only validates and queues (the
 * store refuses a second active run), then wakes the worker: the work itself
 * never runs inside the request.
 */
import { ConflictError, InputError } from '@backstage/errors';
import {
  DataEnclaveConfig,
  FleetRunRecord,
  startFleetPlanRequestSchema,
  startFleetRolloutRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import { z } from 'zod';
import type { FleetRunStore } from './FleetRunStore';

export class FleetRunService {
  constructor(
    private readonly deps: {
      config: DataEnclaveConfig;
      runs: FleetRunStore;
      /** Wakes the fleet worker (a scheduler round now, not in up to 10 s). */
      wake: () => Promise<void>;
    },
  ) {}

  get(runId: string): Promise<FleetRunRecord> {
    return this.deps.runs.get(runId);
  }

  async startPlan(
    request: z.output<typeof startFleetPlanRequestSchema>,
    initiator: string,
  ): Promise<FleetRunRecord> {
    const run = await this.deps.runs.create({
      kind: 'plan',
      toVersion: this.deps.config.stackVersion,
      initiator,
      concurrency: request.concurrency,
    });
    await this.deps.wake();
    return run;
  }

  async startRollout(
    request: z.output<typeof startFleetRolloutRequestSchema>,
    initiator: string,
  ): Promise<FleetRunRecord> {
    const { config, runs } = this.deps;
    const plan = await runs.find(request.planRunId);
    if (!plan || plan.kind !== 'plan') {
      throw new InputError(
        `planRunId ${request.planRunId} is not a fleet plan; start a fleet plan (POST /fleet/plans) and roll out its id`,
      );
    }
    if (plan.status !== 'succeeded') {
      throw new ConflictError(
        `fleet plan ${plan.id} is ${
          plan.status
        }; only a succeeded plan can be rolled out${
          plan.status === 'queued' || plan.status === 'running'
            ? ': wait for it to finish'
            : ': start a new fleet plan'
        }`,
      );
    }
    if (plan.to_version !== config.stackVersion) {
      throw new ConflictError(
        `fleet plan ${plan.id} targets ${plan.to_version}, but dataEnclave.stackVersion is now ${config.stackVersion}; plan the fleet again for ${config.stackVersion}`,
      );
    }
    const run = await runs.create({
      kind: 'rollout',
      toVersion: plan.to_version,
      initiator,
      planRunId: plan.id,
      canarySize: request.canarySize ?? config.fleet.canarySize,
    });
    await this.deps.wake();
    return run;
  }
}

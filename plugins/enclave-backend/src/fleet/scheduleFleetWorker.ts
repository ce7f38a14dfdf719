import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { FleetWorker } from './FleetWorker';

export const FLEET_WORKER_TASK_ID = 'enclave-fleet-worker';

/**
 * Runs the fleet worker's short round every 10 s, once across replicas
 * (`scope: 'global'`, Backstage's distributed lock; see scheduleReconciler).
 * The round never executes a run itself (FleetWorker starts it detached), so
 * the one-minute timeout bounds how long a replica killed mid-round blocks
 * the next round. A route that queues a run triggers a round at once.
 * Shutdown interrupts the run this process executes.
 */
export async function scheduleFleetWorker(deps: {
  worker: FleetWorker;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
}): Promise<{ trigger(): Promise<void> }> {
  const { worker, scheduler, logger } = deps;
  await scheduler.scheduleTask({
    id: FLEET_WORKER_TASK_ID,
    frequency: { seconds: 10 },
    timeout: { minutes: 1 },
    scope: 'global',
    fn: () => worker.round(),
  });
  deps.lifecycle.addShutdownHook(() => worker.stop());
  return {
    async trigger() {
      try {
        await scheduler.triggerTask(FLEET_WORKER_TASK_ID);
      } catch (error) {
        // A round is running right now (ConflictError): it or the next one
        // (within 10 s) picks the run up.
        logger.debug(`fleet worker round not triggered: ${error}`);
      }
    },
  };
}

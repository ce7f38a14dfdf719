import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  DataEnclaveConfig,
  toHumanDuration,
} from '@data-enclave/plugin-enclave-common';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';
import { OperationReconciler, TaskLookup } from './OperationReconciler';
import { scaffolderTaskLookup } from './scaffolderTaskLookup';

export const RECONCILER_TASK_ID = 'enclave-operation-reconciler';

/**
 * Runs the reconciler every `dataEnclave.operations.reconcileInterval`, once
 * across all replicas (`scope: global`: the scheduler's database lock).
 */
export async function scheduleReconciler(deps: {
  config: DataEnclaveConfig;
  registry: EnvironmentRegistry;
  scheduler: SchedulerService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  tasks?: TaskLookup;
}): Promise<OperationReconciler> {
  const { config, logger } = deps;
  const reconciler = new OperationReconciler({
    registry: deps.registry,
    tasks: deps.tasks ?? scaffolderTaskLookup(deps),
    staleAfterSeconds: config.operations.staleAfterSeconds,
    logger,
  });
  const frequency = toHumanDuration(config.operations.reconcileInterval);
  await deps.scheduler.scheduleTask({
    id: RECONCILER_TASK_ID,
    frequency,
    timeout: { minutes: 5 },
    initialDelay: { seconds: 10 },
    scope: 'global',
    fn: async () => {
      const { checked, released } = await reconciler.reconcile();
      // The line the multi-replica test counts: one per round, on one replica.
      logger.info(
        `Operation reconciler round: ${checked} in flight, ${released.length} released`,
      );
    },
  });
  return reconciler;
}

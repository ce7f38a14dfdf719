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
 * across all replicas.
 *
 * `scope: 'global'` is Backstage's distributed lock: a round starts only on
 * the replica whose UPDATE claims the task row's `current_run_ticket`, and the
 * next start is `greatest(next_run_start_at + interval, now())`
 * (@backstage/backend-defaults 0.18 scheduler, TaskWorker.tryClaimTask and
 * computeNextRunStartAt). So rounds never overlap and follow a fixed grid:
 * at most one per interval on average, but a round that started late (each
 * replica polls every min(interval, 5 s)) can be followed by the next one
 * well within one interval. "Once" is judged by overlap and count, not by
 * the gap between two rounds (scripts/multi-replica/run.mjs).
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
    // The claim of a replica killed mid-round is held until this timeout (and
    // the scheduler's janitor, every minute) frees it; a round is a handful
    // of scaffolder lookups, so two minutes is ample and bounds that pause.
    timeout: { minutes: 2 },
    initialDelay: { seconds: 10 },
    scope: 'global',
    fn: async signal => {
      const startedAt = new Date();
      const { checked, released } = await reconciler.reconcile(signal);
      // The line the multi-replica test reads: its start and duration let it
      // prove that no two rounds, on any replicas, ever overlapped.
      logger.info(
        `Operation reconciler round: ${checked} in flight, ${
          released.length
        } released (started ${startedAt.toISOString()}, took ${
          Date.now() - startedAt.getTime()
        } ms)`,
      );
    },
  });
  return reconciler;
}

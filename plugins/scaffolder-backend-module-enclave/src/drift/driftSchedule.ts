/*
 * Scheduled drift checks: every `dataEnclave.drift.interval`, one
 * `terraform plan -refresh-only` per ready environment (enclave-node's
 * checkDrift), recorded as the environment's `driftSummary` and a
 * `drift-check` operation. One backend instance runs it at a time (global
 * scope). Off by default in plan mode: a planned environment has no state.
 */
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DataEnclaveConfig,
  DriftConfig,
  EnclaveClient,
} from '@data-enclave/plugin-enclave-common';
import {
  checkDrift,
  environmentWorkDir,
} from '@data-enclave/plugin-enclave-node';
import type { LifecycleApplyDeps } from '../operations/lifecycleOperation';

export const DRIFT_TASK_ID = 'enclave-drift-check';
const INITIATOR = 'scheduler:enclave-drift-check';

type HumanDuration = Exclude<
  SchedulerServiceTaskScheduleDefinition['frequency'],
  { cron: string } | { trigger: 'manual' } | { toMillis(): number }
>;

/** `PT6H` / `{ hours: 6 }` → the scheduler's HumanDuration. */
export function toHumanDuration(interval: DriftConfig['interval']) {
  if (typeof interval !== 'string') return interval as HumanDuration;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    interval,
  )!;
  const [days, hours, minutes, seconds] = m.slice(1).map(v => Number(v ?? 0));
  return Object.fromEntries(
    Object.entries({ days, hours, minutes, seconds }).filter(([, v]) => v > 0),
  ) as HumanDuration;
}

export interface DriftDeps {
  config: DataEnclaveConfig;
  registry: Pick<EnclaveClient, 'listEnvironments' | 'updateEnvironment'>;
  apply?: Pick<LifecycleApplyDeps, 'terraformEnv'>;
  logger: LoggerService;
  /** Test hook: the check itself (default enclave-node's checkDrift). */
  check?: typeof checkDrift;
}

/** One round: every ready environment, one after the other. */
export async function runDriftChecks(
  deps: DriftDeps,
  signal?: AbortSignal,
): Promise<{ checked: number; failed: number }> {
  const { config, registry, logger, apply } = deps;
  const check = deps.check ?? checkDrift;
  if (!apply) {
    logger.info('Drift check skipped: no AWS credentials (plan mode)');
    return { checked: 0, failed: 0 };
  }
  const environments = (await registry.listEnvironments()).filter(
    e => e.state === 'ready',
  );
  let failed = 0;
  for (const environment of environments) {
    if (signal?.aborted) break;
    try {
      const drift = await check({
        spec: environment.spec,
        stackVersion: environment.stackVersion,
        config,
        workDir: environmentWorkDir(config, environment),
        env: await apply.terraformEnv(
          environment.accountId,
          environment.region,
        ),
        log: line => logger.debug(`${environment.name}: ${line}`),
        signal,
      });
      if (drift.changes) {
        logger.warn(
          `Environment ${environment.team}/${
            environment.name
          } drifted: ${drift.addresses.join(', ')}`,
        );
      }
      await registry.updateEnvironment(environment.id, {
        driftSummary: { checkedAt: drift.checkedAt, changes: drift.changes },
        operation: {
          kind: 'drift-check',
          initiator: INITIATOR,
          result: 'succeeded',
          detail: { addresses: drift.addresses },
        },
      });
    } catch (error) {
      failed++;
      const message = (error as Error).message;
      logger.warn(
        `Drift check of ${environment.team}/${environment.name} failed: ${message}`,
      );
      await registry
        .updateEnvironment(environment.id, {
          operation: {
            kind: 'drift-check',
            initiator: INITIATOR,
            result: 'failed',
            error: message,
          },
        })
        .catch(() => {});
    }
  }
  return { checked: environments.length - failed, failed };
}

export async function scheduleDriftChecks(
  deps: DriftDeps & { scheduler: SchedulerService },
): Promise<boolean> {
  const { config, logger } = deps;
  const enabled = config.drift.enabled ?? config.mode === 'apply';
  if (!enabled) {
    logger.info(
      'Drift checks are off (dataEnclave.drift.enabled; default off in plan mode)',
    );
    return false;
  }
  const frequency = toHumanDuration(config.drift.interval);
  await deps.scheduler.scheduleTask({
    id: DRIFT_TASK_ID,
    frequency,
    // A round plans every environment; give it the interval to finish.
    timeout: frequency,
    initialDelay: { minutes: 5 },
    scope: 'global',
    fn: async signal => {
      const { checked, failed } = await runDriftChecks(
        deps,
        signal as AbortSignal,
      );
      logger.info(
        `Drift check round: ${checked} environment(s) checked, ${failed} failed`,
      );
    },
  });
  return true;
}

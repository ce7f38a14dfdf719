/*
 * Scheduled drift checks: on the `dataEnclave.drift` schedule, one
 * `terraform plan -refresh-only` per ready environment (enclave-node's
 * checkDrift), recorded as the environment's `driftSummary` and a
 * `drift-check` operation. It lives in the backend because it writes the
 * registry, which this plugin owns; one backend instance runs it at a time
 * (`scope: 'global'`, the scheduler's database lock). Off by default in plan
 * mode: a planned environment has no state.
 */
import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import {
  checkDrift,
  environmentWorkDir,
} from '@data-enclave/plugin-enclave-node';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';

export const DRIFT_TASK_ID = 'enclave-drift-check';
const INITIATOR = 'scheduler:enclave-drift-check';

/** The legacy `interval`'s default, and the timeout of a cron schedule. */
const DEFAULT_INTERVAL = { hours: 6 };

/**
 * `dataEnclave.drift.schedule` (Backstage's task schedule shape) read with
 * Backstage's own reader. Without it, the older `dataEnclave.drift.interval`
 * is the frequency, so existing configs keep working. A round plans every
 * environment, so the timeout defaults to the frequency; the first round
 * waits 5 minutes for the backend to settle. Always `scope: 'global'`: two
 * replicas planning the same environment at once would contend for its
 * state lock.
 */
export function readDriftSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const drift = config.getOptionalConfig('dataEnclave.drift');
  const interval = drift?.getOptional('interval') ?? DEFAULT_INTERVAL;
  const schedule = drift?.getOptional<JsonObject>('schedule') ?? {};
  const frequency = schedule.frequency ?? interval;
  const isDuration =
    typeof frequency === 'string' ||
    (typeof frequency === 'object' &&
      frequency !== null &&
      !('cron' in frequency) &&
      !('trigger' in frequency));
  const key = drift?.has('schedule')
    ? 'dataEnclave.drift.schedule'
    : 'dataEnclave.drift.interval';
  let definition: SchedulerServiceTaskScheduleDefinition;
  try {
    definition = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader(
        {
          frequency,
          timeout: isDuration ? frequency : DEFAULT_INTERVAL,
          initialDelay: { minutes: 5 },
          ...schedule,
        },
        key,
      ),
    );
  } catch (error) {
    throw new InputError(
      `${key}: ${
        (error as Error).message
      }; use e.g. { frequency: { hours: 6 }, timeout: { hours: 6 } } or { frequency: { cron: '0 3 * * *' } }`,
    );
  }
  if (definition.scope === 'local') {
    throw new InputError(
      `${key}.scope: drift checks run once across replicas; remove scope or set it to global`,
    );
  }
  return { ...definition, scope: 'global' };
}

export interface DriftDeps {
  config: DataEnclaveConfig;
  registry: Pick<EnvironmentRegistry, 'list' | 'update'>;
  /** Credentials terraform runs with; absent in plan mode (nothing to check). */
  terraformEnv?: (
    accountId: string,
    region: string,
  ) => Promise<Record<string, string>>;
  logger: LoggerService;
  /** Test hook: the check itself (default enclave-node's checkDrift). */
  check?: typeof checkDrift;
}

/** One round: every ready environment, one after the other. */
export async function runDriftChecks(
  deps: DriftDeps,
  signal?: AbortSignal,
): Promise<{ checked: number; failed: number }> {
  const { config, registry, logger, terraformEnv } = deps;
  const check = deps.check ?? checkDrift;
  if (!terraformEnv) {
    logger.info('Drift check skipped: no AWS credentials (plan mode)');
    return { checked: 0, failed: 0 };
  }
  const environments = (await registry.list()).filter(e => e.state === 'ready');
  let failed = 0;
  for (const environment of environments) {
    if (signal?.aborted) break;
    try {
      const drift = await check({
        spec: environment.spec,
        stackVersion: environment.stackVersion,
        config,
        workDir: environmentWorkDir(config, environment),
        env: await terraformEnv(environment.accountId, environment.region),
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
      await registry.update(environment.id, {
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
        .update(environment.id, {
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
  deps: DriftDeps & {
    scheduler: SchedulerService;
    schedule: SchedulerServiceTaskScheduleDefinition;
  },
): Promise<boolean> {
  const { config, logger } = deps;
  const enabled = config.drift.enabled ?? config.mode === 'apply';
  if (!enabled) {
    logger.info(
      'Drift checks are off (dataEnclave.drift.enabled; default off in plan mode)',
    );
    return false;
  }
  await deps.scheduler.scheduleTask({
    id: DRIFT_TASK_ID,
    ...deps.schedule,
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

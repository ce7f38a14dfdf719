/*
 * Scheduled drift checks: on the `dataEnclave.drift` schedule, one
 * `terraform plan -refresh-only` per ready environment (enclave-node's
 * checkDrift), each under a `drift-check` operation claim that records the
 * outcome in the audit trail and the environment's `driftSummary`. It lives
 * in the backend because it writes the registry, which this plugin owns;
 * one backend instance runs it at a time (`scope: 'global'`, the scheduler's
 * database lock). Off by default in plan mode: a planned environment has no
 * state.
 */
import { randomUUID } from 'node:crypto';
import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  DataEnclaveConfig,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import {
  checkDrift,
  environmentWorkDir,
} from '@data-enclave/plugin-enclave-node';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';
import { driftTaskId } from '@data-enclave/plugin-enclave-common';

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
  registry: Pick<
    EnvironmentRegistry,
    'list' | 'get' | 'startOperation' | 'heartbeat' | 'finishOperation'
  >;
  /** Credentials terraform runs with; absent in plan mode (nothing to check). */
  terraformEnv?: (
    accountId: string,
    region: string,
  ) => Promise<Record<string, string>>;
  logger: LoggerService;
  /**
   * A fleet run is queued or running. Checked before each environment: the
   * round then stops claiming, so a fleet plan or rollout does not find the
   * environments it is about to work on held by drift checks (it would skip
   * them as busy). The next round checks them.
   */
  fleetActive?: () => Promise<boolean>;
  /** Test hook: the check itself (default enclave-node's checkDrift). */
  check?: typeof checkDrift;
}

export interface DriftRoundResult {
  checked: number;
  failed: number;
  /** Busy (another task holds it) or claimed by another task first. */
  skipped: number;
}

/**
 * One round: every ready environment, one after the other, each claimed
 * for the check like any other operation (kind `drift-check`, busy state
 * `updating`, from `ready` only). The claim is what keeps the check off an
 * environment a fleet run, an upgrade or a destroy is changing: they share
 * its state (a plan would fail on the state lock, or make theirs fail) and
 * its working dir (checkDrift synthesizes into it and runs init). A busy
 * environment is skipped, not waited for; the next round checks it.
 */
export async function runDriftChecks(
  deps: DriftDeps,
  signal?: AbortSignal,
): Promise<DriftRoundResult> {
  const { registry, logger, terraformEnv } = deps;
  const result: DriftRoundResult = { checked: 0, failed: 0, skipped: 0 };
  if (!terraformEnv) {
    logger.info('Drift check skipped: no AWS credentials (plan mode)');
    return result;
  }
  const taskId = driftTaskId(randomUUID());
  const listed = (await registry.list()).filter(e => e.state === 'ready');
  for (const [index, { id }] of listed.entries()) {
    if (signal?.aborted) break;
    if (await deps.fleetActive?.()) {
      result.skipped += listed.length - index;
      logger.info(
        `Drift check round stops: a fleet run is active; ${
          listed.length - index
        } environment(s) wait for the next round`,
      );
      break;
    }
    const outcome = await checkOne(deps, id, taskId, signal);
    result[outcome]++;
  }
  return result;
}

/** Claims, checks and releases one environment. */
async function checkOne(
  deps: DriftDeps,
  id: string,
  taskId: string,
  roundSignal?: AbortSignal,
): Promise<keyof DriftRoundResult> {
  const { config, registry, logger } = deps;
  const check = deps.check ?? checkDrift;
  // Re-read: the round's list may be an hour old by now. The claim clears
  // lastError (every operation's start does); a drift check changes nothing
  // the card reports as an error, so the finish puts this one back.
  let before: EnvironmentRecord;
  try {
    before = await registry.get(id);
  } catch (error) {
    // Deleted since the round listed it: nothing to check.
    if (error instanceof NotFoundError) return 'skipped';
    throw error;
  }
  const label = `${before.team}/${before.name}`;
  if (before.state !== 'ready' || before.currentOperation) {
    logger.debug(
      `Drift check of ${label} skipped: ${before.state}${
        before.currentOperation
          ? ` (${before.currentOperation.kind} by ${before.currentOperation.initiator})`
          : ''
      }`,
    );
    return 'skipped';
  }
  let environment: EnvironmentRecord;
  try {
    ({ environment } = await registry.startOperation(id, {
      kind: 'drift-check',
      initiator: INITIATOR,
      taskId,
      busyState: 'updating',
      allowedStates: ['ready'],
    }));
  } catch (error) {
    // Another task claimed it (ConflictError) or moved it out of ready
    // (InputError) since the re-read: its turn, not an error of the check.
    if (error instanceof ConflictError || error instanceof InputError) {
      logger.debug(`Drift check of ${label} skipped: ${error.message}`);
      return 'skipped';
    }
    throw error;
  }

  const controller = new AbortController();
  const abort = () => controller.abort();
  roundSignal?.addEventListener('abort', abort);
  const heartbeat = setInterval(() => {
    registry.heartbeat(id, taskId).catch(error => {
      if (!(error instanceof ConflictError)) {
        // A missed beat (database busy); the next one may land.
        logger.warn(`Drift check of ${label}: heartbeat failed: ${error}`);
        return;
      }
      // Released (the reconciler judged this process dead): the
      // environment is someone else's to claim, so stop touching it.
      logger.warn(`Drift check of ${label} lost its claim: ${error}`);
      controller.abort();
    });
  }, config.operations.heartbeatSeconds * 1000);
  heartbeat.unref();
  const keepLastError = { lastError: before.lastError ?? null };
  try {
    const drift = await check({
      spec: environment.spec,
      stackVersion: environment.stackVersion,
      config,
      // Exclusive while the claim holds: every other writer of this dir
      // (provision, upgrade, destroy, fleet runs) claims the environment
      // first, so the dir stays the one the stack's init and state use.
      workDir: environmentWorkDir(config, environment),
      env: await deps.terraformEnv!(environment.accountId, environment.region),
      log: line => logger.debug(`${environment.name}: ${line}`),
      signal: controller.signal,
    });
    if (drift.changes) {
      logger.warn(
        `Environment ${label} drifted: ${drift.addresses.join(', ')}`,
      );
    }
    await registry.finishOperation(id, {
      taskId,
      result: 'succeeded',
      detail: { addresses: drift.addresses },
      change: {
        driftSummary: { checkedAt: drift.checkedAt, changes: drift.changes },
        ...keepLastError,
      },
    });
    return 'checked';
  } catch (error) {
    const message = (error as Error).message;
    logger.warn(`Drift check of ${label} failed: ${message}`);
    await registry
      .finishOperation(id, {
        taskId,
        result: 'failed',
        error: message,
        change: keepLastError,
      })
      .catch(finishError =>
        logger.warn(
          `Drift check of ${label}: outcome not recorded: ${finishError}`,
        ),
      );
    return 'failed';
  } finally {
    clearInterval(heartbeat);
    roundSignal?.removeEventListener('abort', abort);
  }
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
      const { checked, failed, skipped } = await runDriftChecks(
        deps,
        signal as AbortSignal,
      );
      logger.info(
        `Drift check round: ${checked} environment(s) checked, ${failed} failed, ${skipped} skipped (busy)`,
      );
    },
  });
  return true;
}

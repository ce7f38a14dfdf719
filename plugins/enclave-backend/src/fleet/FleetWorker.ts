/*
 * Executes fleet runs in this backend process, outside any request and
 * outside the scheduler round that picked them up.
 *
 * A scheduler round (scheduleFleetWorker) only does short work: it declares
 * interrupted the runs whose process died (stale heartbeat), then, if this
 * process is not already running one, claims the oldest queued run and
 * starts it detached. A plan of many environments takes long; holding the
 * scheduler's global lock for it would block every other replica's rounds,
 * and a replica that died mid-run would keep the lock until its timeout.
 * Instead the run's own row is its lock: `running` with this worker's id
 * and a heartbeat every `dataEnclave.operations.heartbeatSeconds`.
 *
 * A worker claims only runs of its own `dataEnclave.stackVersion` (see
 * FleetRunStore): the version is a label, the code that plans and applies it
 * is this process's. A run no backend of its version claims within
 * `operations.staleAfterSeconds` is failed by the next round, saying so.
 *
 * A shutdown aborts the run's signal (terraform gets SIGINT and unlocks its
 * state); the library finishes what it can, closes each environment's
 * claim, and the run ends `interrupted` with the partial result.
 */
import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DataEnclaveConfig,
  EnvironmentRecord,
  FleetPlan,
  FleetRollout,
  fleetTaskId,
} from '@data-enclave/plugin-enclave-common';
import {
  applyFleetUpgrade,
  FleetRegistry,
  planFleetUpgrade,
} from '@data-enclave/plugin-enclave-node';
import { FleetProgressWriter } from './FleetProgressWriter';
import { toFleetRunRecord } from './fleetRunRows';
import {
  ClaimedFleetRun,
  EndedFleetRunStatus,
  FleetRunStore,
} from './FleetRunStore';

export interface FleetWorkerDeps {
  store: FleetRunStore;
  /** The registry in-process (fleetRegistryFor). */
  registry: FleetRegistry;
  config: DataEnclaveConfig;
  /** Terraform credentials for applied environments (apply mode only). */
  terraformEnv?: (
    environment: EnvironmentRecord,
  ) => Promise<Record<string, string | undefined>>;
  logger: LoggerService;
  /** How long a shutdown waits for the interrupted run to record itself. Default 30 s. */
  shutdownGraceMs?: number;
}

interface CurrentRun {
  id: string;
  controller: AbortController;
  done: Promise<void>;
}

export class FleetWorker {
  /** This process, as the owner of the runs it executes. */
  readonly workerId = `${process.pid}-${randomUUID()}`;
  private current?: CurrentRun;
  private stopping = false;

  constructor(private readonly deps: FleetWorkerDeps) {}

  /** One scheduler round: short, never waits for a run. */
  async round(): Promise<void> {
    const { store, config, logger } = this.deps;
    const interrupted = await store.markStaleInterrupted(
      config.operations.staleAfterSeconds,
    );
    const unclaimable = await store.failUnclaimable(
      config.stackVersion,
      config.operations.staleAfterSeconds,
    );
    for (const run of [...interrupted, ...unclaimable]) {
      logger.warn(`fleet run ${run.id}: ${run.error}`);
    }
    if (this.current || this.stopping) return;
    const run = await store.claimNextQueued(this.workerId, config.stackVersion);
    if (!run) return;
    logger.info(
      `fleet ${run.kind} ${run.id} to ${run.toVersion} started by ${run.initiator}`,
    );
    const controller = new AbortController();
    const done = this.execute(run, controller)
      .catch(error =>
        logger.error(`fleet run ${run.id} could not record its end: ${error}`),
      )
      .finally(() => {
        if (this.current?.id === run.id) this.current = undefined;
      });
    this.current = { id: run.id, controller, done };
  }

  /** The run this process executes, if any. */
  currentRunId(): string | undefined {
    return this.current?.id;
  }

  /** Resolves when the current run (if any) has recorded its end. */
  async idle(): Promise<void> {
    await this.current?.done;
  }

  /**
   * Shutdown: no new run, and the current one is interrupted and given
   * `shutdownGraceMs` to record its partial result while the database is
   * still open (plugin shutdown hooks run before the root's).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const current = this.current;
    if (!current) return;
    current.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      current.done,
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, this.deps.shutdownGraceMs ?? 30_000);
      }),
    ]);
    clearTimeout(timer);
  }

  private async execute(
    run: ClaimedFleetRun,
    controller: AbortController,
  ): Promise<void> {
    const { store, config, logger } = this.deps;
    const heartbeat = setInterval(() => {
      store.heartbeat(run.id, this.workerId).then(
        mine => {
          // Declared interrupted elsewhere (this process was silent too
          // long): its claims are being released, so stop working on them.
          if (!mine && !controller.signal.aborted) {
            logger.warn(
              `fleet run ${run.id} is no longer this backend's; stopping it`,
            );
            controller.abort();
          }
        },
        error => logger.warn(`fleet run ${run.id} heartbeat failed: ${error}`),
      );
    }, config.operations.heartbeatSeconds * 1000);
    heartbeat.unref();
    const progress = new FleetProgressWriter(
      snapshot => store.recordProgress(run.id, this.workerId, snapshot),
      error => logger.warn(`fleet run ${run.id} progress not saved: ${error}`),
    );

    let outcome: {
      status: EndedFleetRunStatus;
      result?: FleetPlan | FleetRollout;
      error?: string;
    };
    try {
      // The store claims by version already; a second check here keeps a
      // future change of that query from running one version's plan with
      // another version's code.
      if (run.toVersion !== config.stackVersion) {
        throw new Error(
          `fleet ${run.kind} ${run.id} targets stack version ${run.toVersion} but this backend runs ${config.stackVersion}; nothing was planned or applied. Start the fleet ${run.kind} again once every replica runs ${run.toVersion}`,
        );
      }
      const options = {
        registry: this.deps.registry,
        config,
        toVersion: run.toVersion,
        concurrency: run.concurrency ?? config.fleet.concurrency,
        taskId: fleetTaskId(run.id),
        initiator: run.initiator,
        terraformEnv: this.deps.terraformEnv,
        onProgress: progress.record,
        log: this.terraformLog(run),
        signal: controller.signal,
      };
      const result =
        run.kind === 'plan'
          ? await planFleetUpgrade(options)
          : await applyFleetUpgrade({
              ...options,
              plan: await this.planOf(run),
              canarySize: run.canarySize ?? config.fleet.canarySize,
            });
      outcome = this.outcomeOf(run, result, controller.signal.aborted);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = controller.signal.aborted
        ? { status: 'interrupted', error: interruptedReason(run, message) }
        : { status: 'failed', error: message };
    } finally {
      clearInterval(heartbeat);
      await progress.close();
    }
    const recorded = await store.finish(run.id, this.workerId, {
      ...outcome,
      progress: progress.snapshot(),
    });
    const line = `fleet ${run.kind} ${run.id} ended ${outcome.status}${
      outcome.error ? `: ${outcome.error}` : ''
    }`;
    if (!recorded) {
      logger.warn(`${line} (not recorded: another backend ended it first)`);
    } else if (outcome.status === 'succeeded') {
      logger.info(line);
    } else {
      logger.warn(line);
    }
  }

  /**
   * Terraform's output of the run, one child logger per environment, at
   * info: the scaffolder's upgrade action logs the same runner's lines with
   * `ctx.logger.info`, and the scaffolder's task logger forwards every line
   * to the backend's logger at its level as well as to the task log
   * (@backstage/plugin-scaffolder-backend 4.2.0, BackstageLoggerTransport in
   * dist/scaffolder/tasks/logger.cjs.js). The lines are the runner's output,
   * which carries no credentials (they go to terraform's environment only).
   */
  private terraformLog(
    run: ClaimedFleetRun,
  ): (line: string, environment: EnvironmentRecord) => void {
    const runLogger = this.deps.logger.child({ fleetRun: run.id });
    const perEnvironment = new Map<string, LoggerService>();
    return (line, environment) => {
      let child = perEnvironment.get(environment.id);
      if (!child) {
        child = runLogger.child({ environment: environment.name });
        perEnvironment.set(environment.id, child);
      }
      child.info(line);
    };
  }

  /** The stored plan a rollout rolls out (the route checked it exists and succeeded). */
  private async planOf(run: ClaimedFleetRun): Promise<FleetPlan> {
    const row = run.planRunId
      ? await this.deps.store.find(run.planRunId)
      : undefined;
    const plan = row && toFleetRunRecord(row).plan;
    if (!plan) {
      throw new Error(
        `fleet rollout ${run.id} has no stored plan (plan run ${
          run.planRunId ?? 'unset'
        }); run a fleet plan and roll that out`,
      );
    }
    return plan;
  }

  private outcomeOf(
    run: ClaimedFleetRun,
    result: FleetPlan | FleetRollout,
    aborted: boolean,
  ): {
    status: EndedFleetRunStatus;
    result: FleetPlan | FleetRollout;
    error?: string;
  } {
    if (aborted) {
      return {
        status: 'interrupted',
        result,
        error: interruptedReason(run),
      };
    }
    const stoppedBy = (result as FleetRollout).stoppedBy;
    if (run.kind === 'rollout' && stoppedBy) {
      return {
        status: 'failed',
        result,
        error: `the rollout stopped at ${stoppedBy.name}: ${stoppedBy.error}; the environments after it were not started. Fix ${stoppedBy.name} (its audit trail has the failure), plan the fleet again and roll out`,
      };
    }
    return { status: 'succeeded', result };
  }
}

function interruptedReason(run: ClaimedFleetRun, detail?: string): string {
  return `Interrupted: the backend shut down while this fleet ${run.kind} ran${
    detail ? ` (${detail})` : ''
  }. The result holds what had finished; the environments it held are released. Start the fleet ${
    run.kind
  } again.`;
}

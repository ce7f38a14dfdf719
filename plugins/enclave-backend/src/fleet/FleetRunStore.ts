/*
 * Fleet runs in the plugin's database (SQLite or PostgreSQL). Every state
 * change is a compare-and-set on the row, so two replicas can never both
 * start a run, claim the same queued run, or finish one the other declared
 * interrupted:
 *
 *   queued ──claimNextQueued──▶ running ──finish──▶ succeeded | failed | interrupted
 *     │                            └──markStaleInterrupted (its process died)──▶ interrupted
 *     └──failUnclaimable (no backend runs its stack version)──▶ failed
 *
 * A run's `to_version` is only a label; what is planned and applied is the
 * stack code of the backend executing it. So a worker claims only runs of
 * its own `dataEnclave.stackVersion`: during a rolling deploy an old replica
 * can never plan the new version with the old code (an empty, "safe" diff)
 * and a rollout then stamp environments with a version nothing applied.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  FleetPlan,
  FleetRollout,
  FleetRunKind,
  FleetRunProgress,
  FleetRunRecord,
  FleetRunStatus,
} from '@data-enclave/plugin-enclave-common';
import { Knex } from 'knex';
import { toIso } from '../database/rows';
import { isUniqueViolation } from '../database/uniqueViolation';
import { ACTIVE_SLOT, FleetRunRow, toFleetRunRecord } from './fleetRunRows';

const TABLE = 'enclave_fleet_runs';

export interface CreateFleetRunInput {
  kind: FleetRunKind;
  toVersion: string;
  initiator: string;
  planRunId?: string;
  canarySize?: number;
  concurrency?: number;
}

/** A run this process claimed, with what the worker needs to execute it. */
export interface ClaimedFleetRun extends FleetRunRecord {
  concurrency?: number;
}

export type EndedFleetRunStatus = Exclude<FleetRunStatus, 'queued' | 'running'>;

export class FleetRunStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Queues a run, or refuses with a ConflictError while another is queued or
   * running. The unique `active_slot` decides, not a pre-check: of two
   * concurrent creates exactly one inserts.
   */
  async create(input: CreateFleetRunInput): Promise<FleetRunRecord> {
    const id = randomUUID();
    const row: FleetRunRow = {
      id,
      kind: input.kind,
      status: 'queued',
      to_version: input.toVersion,
      initiator: input.initiator,
      plan_run_id: input.planRunId ?? null,
      canary_size: input.canarySize ?? null,
      concurrency: input.concurrency ?? null,
      active_slot: ACTIVE_SLOT,
      worker_id: null,
      created_at: this.now(),
      started_at: null,
      heartbeat_at: null,
      finished_at: null,
      progress: '{}',
      result: null,
      error: null,
    };
    try {
      await this.db<FleetRunRow>(TABLE).insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [active] = await this.listActive();
      throw new ConflictError(
        active
          ? `fleet ${active.kind} ${active.id} is ${active.status} (started by ${active.initiator}); wait for it to finish, then start this one again`
          : 'another fleet run was just started; wait for it to finish, then start this one again',
      );
    }
    return this.get(id);
  }

  async get(id: string): Promise<FleetRunRecord> {
    const row = await this.find(id);
    if (!row) throw new NotFoundError(`fleet run ${id} not found`);
    return toFleetRunRecord(row);
  }

  /** The run, or undefined when there is none with this id. */
  async find(id: string): Promise<FleetRunRow | undefined> {
    return this.db<FleetRunRow>(TABLE).where({ id }).first();
  }

  /** The newest run of a kind (any status). */
  async latest(kind: FleetRunKind): Promise<FleetRunRecord | undefined> {
    const row = await this.db<FleetRunRow>(TABLE)
      .where({ kind })
      .orderBy('created_at', 'desc')
      .first();
    return row ? toFleetRunRecord(row) : undefined;
  }

  /** Queued and running runs, oldest first (at most one, by the unique slot). */
  async listActive(): Promise<FleetRunRecord[]> {
    const rows = await this.db<FleetRunRow>(TABLE)
      .whereIn('status', ['queued', 'running'])
      .orderBy('created_at', 'asc');
    return rows.map(toFleetRunRecord);
  }

  /**
   * Takes the oldest queued run of `stackVersion` (the worker's own
   * dataEnclave.stackVersion) for `workerId`: a compare-and-set on its
   * status, so of two workers asking at once exactly one gets it. A run of
   * another version is left queued for a backend that runs that version.
   */
  async claimNextQueued(
    workerId: string,
    stackVersion: string,
  ): Promise<ClaimedFleetRun | undefined> {
    const next = await this.db<FleetRunRow>(TABLE)
      .where({ status: 'queued', to_version: stackVersion })
      .orderBy('created_at', 'asc')
      .first();
    if (!next) return undefined;
    const now = this.now();
    const won = await this.db<FleetRunRow>(TABLE)
      .where({ id: next.id, status: 'queued' })
      .update({
        status: 'running',
        worker_id: workerId,
        started_at: now,
        heartbeat_at: now,
      });
    if (won !== 1) return undefined;
    const record = await this.get(next.id);
    return next.concurrency === null
      ? record
      : { ...record, concurrency: Number(next.concurrency) };
  }

  /** The worker is alive; false when the run is no longer its own (declared interrupted). */
  async heartbeat(id: string, workerId: string): Promise<boolean> {
    const updated = await this.db<FleetRunRow>(TABLE)
      .where({ id, status: 'running', worker_id: workerId })
      .update({ heartbeat_at: this.now() });
    return updated === 1;
  }

  /**
   * The latest progress per environment. Callers batch (see
   * FleetProgressWriter): one write carries every environment's newest step.
   */
  async recordProgress(
    id: string,
    workerId: string,
    progress: Record<string, FleetRunProgress>,
  ): Promise<boolean> {
    const updated = await this.db<FleetRunRow>(TABLE)
      .where({ id, status: 'running', worker_id: workerId })
      .update({ progress: JSON.stringify(progress) });
    return updated === 1;
  }

  /**
   * Ends the worker's run. False when it was no longer the worker's (another
   * replica declared it interrupted meanwhile); that outcome stands.
   */
  async finish(
    id: string,
    workerId: string,
    outcome: {
      status: EndedFleetRunStatus;
      result?: FleetPlan | FleetRollout;
      error?: string;
      progress?: Record<string, FleetRunProgress>;
    },
  ): Promise<boolean> {
    const now = this.now();
    const updated = await this.db<FleetRunRow>(TABLE)
      .where({ id, status: 'running', worker_id: workerId })
      .update({
        status: outcome.status,
        active_slot: null,
        finished_at: now,
        heartbeat_at: now,
        result: outcome.result ? JSON.stringify(outcome.result) : null,
        error: outcome.error ?? null,
        ...(outcome.progress
          ? { progress: JSON.stringify(outcome.progress) }
          : {}),
      });
    return updated === 1;
  }

  /**
   * Queued runs of another stack version than `stackVersion` (this backend's)
   * that have waited longer than `staleAfterSeconds`: no backend running
   * their version claimed them (a rolling deploy that was rolled back, or a
   * replica left on the old version), so they would block the fleet's one
   * active slot for ever. They become `failed`, saying what to do.
   */
  async failUnclaimable(
    stackVersion: string,
    staleAfterSeconds: number,
  ): Promise<FleetRunRecord[]> {
    const now = this.now();
    const waiting = await this.db<FleetRunRow>(TABLE)
      .where({ status: 'queued' })
      .whereNot({ to_version: stackVersion });
    const failed: FleetRunRecord[] = [];
    for (const row of waiting) {
      const waitedSeconds =
        (now.getTime() - Date.parse(toIso(row.created_at))) / 1000;
      if (waitedSeconds <= staleAfterSeconds) continue;
      const error = `fleet ${row.kind} ${row.id} targets stack version ${row.to_version}, but no backend running ${row.to_version} claimed it within ${staleAfterSeconds} s (dataEnclave.operations.staleAfterSeconds; this backend runs ${stackVersion}). Nothing was planned or applied; start the fleet ${row.kind} again once every replica runs ${row.to_version}.`;
      // Compare-and-set on `queued`: a run claimed meanwhile is left alone.
      const updated = await this.db<FleetRunRow>(TABLE)
        .where({ id: row.id, status: 'queued' })
        .update({
          status: 'failed',
          active_slot: null,
          finished_at: now,
          error,
        });
      if (updated === 1) failed.push(await this.get(row.id));
    }
    return failed;
  }

  /**
   * Running runs whose heartbeat is older than `staleAfterSeconds`: the
   * process executing them died (crash, kill, lost node). They become
   * `interrupted`, which frees the fleet for the next run and tells the
   * reconciler to release the environments they held.
   */
  async markStaleInterrupted(
    staleAfterSeconds: number,
  ): Promise<FleetRunRecord[]> {
    const now = this.now();
    const running = await this.db<FleetRunRow>(TABLE).where({
      status: 'running',
    });
    const interrupted: FleetRunRecord[] = [];
    for (const row of running) {
      const beat = row.heartbeat_at ?? row.started_at ?? row.created_at;
      const silentSeconds = (now.getTime() - Date.parse(toIso(beat))) / 1000;
      if (silentSeconds <= staleAfterSeconds) continue;
      const error = `Interrupted: the backend running this fleet ${
        row.kind
      } stopped (no heartbeat for ${Math.round(
        silentSeconds,
      )} s; dataEnclave.operations.staleAfterSeconds: ${staleAfterSeconds}). The environments it held are released; start the fleet ${
        row.kind
      } again.`;
      // Compare-and-set on the worker that held it: a run that finished or
      // was taken over meanwhile is left alone.
      const updated = await this.db<FleetRunRow>(TABLE)
        .where({ id: row.id, status: 'running', worker_id: row.worker_id })
        .update({
          status: 'interrupted',
          active_slot: null,
          finished_at: now,
          error,
        });
      if (updated === 1) interrupted.push(await this.get(row.id));
    }
    return interrupted;
  }
}

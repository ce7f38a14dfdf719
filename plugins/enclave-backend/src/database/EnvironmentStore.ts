import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  createEnvironmentRequestSchema,
  EnvironmentMember,
  EnvironmentRecord,
  EnvironmentState,
  finishOperationRequestSchema,
  isBusyState,
  OperationKind,
  OperationRecord,
  startOperationRequestSchema,
  StartOperationResponse,
  updateEnvironmentRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import { Knex } from 'knex';
import { z } from 'zod';
import {
  EnvironmentRow,
  jsonOrNull,
  OperationRow,
  toEnvironmentRecord,
  toOperationRecord,
} from './rows';
import { normalizeTeamRef, shortTeamName } from './teamRef';
import { isUniqueViolation } from './uniqueViolation';

export type CreateEnvironmentInput = z.output<
  typeof createEnvironmentRequestSchema
>;
export type UpdateEnvironmentInput = z.output<
  typeof updateEnvironmentRequestSchema
>;

export type StartOperationInput = z.output<typeof startOperationRequestSchema>;
export type FinishOperationInput = z.output<
  typeof finishOperationRequestSchema
>;

/** An environment some task holds (or that is busy with no holder at all). */
export interface InFlightOperation {
  environment: EnvironmentRecord;
  /** Absent when the environment is busy but no operation holds it. */
  operation?: OperationRecord;
}

export interface ListEnvironmentsFilter {
  team?: string;
  includeDestroyed?: boolean;
}

/** A member's credential claimed for delivery, with the audit row opened for it. */
export interface CredentialClaim {
  member: EnvironmentMember;
  operationId: string;
}

/**
 * The registry tables behind a small API. All multi-row changes run in one
 * transaction; name uniqueness is left to the database (see the migration) so
 * that concurrent creates are settled there, not by a racy pre-check.
 */
export class EnvironmentStore {
  constructor(private readonly db: Knex) {}

  async create(input: CreateEnvironmentInput): Promise<EnvironmentRecord> {
    const team = normalizeTeamRef(input.team);
    const now = new Date();
    const id = randomUUID();
    const destroyed = input.state === 'destroyed';
    const row: EnvironmentRow = {
      id,
      name: input.name,
      team,
      active_name: destroyed ? null : input.name,
      region: input.region,
      account_id: input.accountId,
      state: input.state,
      state_reason: input.stateReason ?? null,
      phase: null,
      progress: null,
      stack_version: input.stackVersion,
      spec: JSON.stringify(input.spec),
      outputs: JSON.stringify({}),
      members: JSON.stringify(input.members),
      guardrails: null,
      plan_summary: null,
      drift_summary: null,
      last_error: null,
      created_by: input.initiator,
      created_at: now,
      updated_at: now,
    };
    const operationId = randomUUID();
    // A busy create holds the environment for its task from the first row on,
    // so the reconciler can release it if the task dies.
    const holds = isBusyState(input.state);
    if (holds) row.operation_id = operationId;
    try {
      await this.db.transaction(async trx => {
        await trx<EnvironmentRow>('environments').insert(row);
        await trx<OperationRow>('operations').insert({
          id: operationId,
          environment_id: id,
          kind: 'provision',
          initiator: input.initiator,
          task_id: input.taskId ?? null,
          started_at: now,
          finished_at: holds ? null : now,
          result: holds ? 'running' : 'succeeded',
          error: null,
          detail: null,
          heartbeat_at: holds ? now : null,
          from_state: null,
          release_state: holds ? 'failed' : null,
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findByName(team, input.name);
      throw new ConflictError(
        `environment ${shortTeamName(team)}/${input.name} already exists` +
          `${
            existing ? ` (state ${existing.state})` : ''
          }; pick another name or destroy it first`,
      );
    }
    return this.get(id);
  }

  async get(id: string): Promise<EnvironmentRecord> {
    const row = await this.db<EnvironmentRow>('environments')
      .where({ id })
      .first();
    if (!row) throw new NotFoundError(`environment ${id} not found`);
    return (await this.toRecords(this.db, [row]))[0];
  }

  async getMany(ids: string[]): Promise<Array<EnvironmentRecord | undefined>> {
    const rows = await this.db<EnvironmentRow>('environments').whereIn(
      'id',
      ids,
    );
    const records = await this.toRecords(this.db, rows);
    const byId = new Map(records.map(r => [r.id, r]));
    return ids.map(id => byId.get(id));
  }

  /** The live (not destroyed) environment with this name in the team. */
  async findByName(
    team: string,
    name: string,
  ): Promise<EnvironmentRecord | undefined> {
    const row = await this.db<EnvironmentRow>('environments')
      .where({ team: normalizeTeamRef(team), active_name: name })
      .first();
    return row ? (await this.toRecords(this.db, [row]))[0] : undefined;
  }

  async list(
    filter: ListEnvironmentsFilter = {},
  ): Promise<EnvironmentRecord[]> {
    const query = this.db<EnvironmentRow>('environments').orderBy([
      'team',
      'name',
      'created_at',
    ]);
    if (filter.team) query.where({ team: normalizeTeamRef(filter.team) });
    if (!filter.includeDestroyed) query.whereNot({ state: 'destroyed' });
    return this.toRecords(this.db, await query);
  }

  /**
   * Starts a lifecycle operation: a compare-and-set on `operation_id` under
   * the row lock. Exactly one of two concurrent calls wins; the other gets a
   * ConflictError naming the task that holds the environment. A task that
   * already holds it (resumed after a restart, on any replica) gets it back.
   */
  async startOperation(
    id: string,
    input: StartOperationInput,
  ): Promise<StartOperationResponse> {
    const result = await this.db.transaction(async trx => {
      const current = await this.lockRow(trx, id);
      const label = `${shortTeamName(current.team)}/${current.name}`;
      const now = new Date();
      const holder = current.operation_id
        ? await trx<OperationRow>('operations')
            .where({ id: current.operation_id })
            .first()
        : undefined;
      if (holder && holder.result === 'running') {
        if (holder.task_id === input.taskId) {
          await trx<OperationRow>('operations')
            .where({ id: holder.id })
            .update({ heartbeat_at: now });
          return { operationId: holder.id, resumed: true };
        }
        throw new ConflictError(
          `environment ${label} is ${current.state} (${holder.kind} by ${
            holder.initiator
          }, task ${
            holder.task_id ?? 'unknown'
          }); wait for that task to finish, then run this one again`,
        );
      }
      if (current.state === 'destroyed') {
        throw new ConflictError(
          `environment ${label} is destroyed and can no longer change`,
        );
      }
      if (!input.allowedStates.includes(current.state as EnvironmentState)) {
        if (input.kind === 'provision') {
          throw new ConflictError(
            `environment ${label} already exists (state ${current.state}); pick another name or destroy it first`,
          );
        }
        throw new InputError(
          `environment ${current.name} is ${current.state}; ${
            input.kind
          } needs it ${input.allowedStates.join(' or ')}${
            current.state === 'failed'
              ? ' (run the provisioning template again to repair it)'
              : ''
          }`,
        );
      }
      const operationId = randomUUID();
      const patch: Partial<EnvironmentRow> = {
        operation_id: operationId,
        state: input.busyState,
        last_error: null,
        phase: null,
        progress: null,
        updated_at: now,
      };
      if (input.change?.spec) patch.spec = JSON.stringify(input.change.spec);
      if (input.change?.stackVersion) {
        patch.stack_version = input.change.stackVersion;
      }
      // The compare-and-set itself: portable, and correct even where the
      // database has no row locks (SQLite serializes writers instead).
      const won = await trx<EnvironmentRow>('environments')
        .where({ id, operation_id: current.operation_id ?? null })
        .update(patch);
      if (won !== 1) {
        throw new ConflictError(
          `environment ${label} was just claimed by another task; wait for it to finish, then run this one again`,
        );
      }
      await trx<OperationRow>('operations').insert({
        id: operationId,
        environment_id: id,
        kind: input.kind,
        initiator: input.initiator,
        task_id: input.taskId,
        started_at: now,
        finished_at: null,
        result: 'running',
        error: null,
        detail: null,
        heartbeat_at: now,
        from_state: current.state,
        release_state: input.releaseState ?? current.state,
      });
      return { operationId, resumed: false };
    });
    const [environment, operation] = await Promise.all([
      this.get(id),
      this.getOperation(result.operationId),
    ]);
    return { environment, operation, resumed: result.resumed };
  }

  /** Records that the task holding the environment is alive. */
  async heartbeat(id: string, taskId: string): Promise<void> {
    const updated = await this.db<OperationRow>('operations')
      .where({ environment_id: id, task_id: taskId, result: 'running' })
      .whereIn(
        'id',
        this.db<EnvironmentRow>('environments')
          .select('operation_id')
          .where({ id }),
      )
      .update({ heartbeat_at: new Date() });
    if (updated === 0) {
      throw new ConflictError(
        `task ${taskId} no longer holds environment ${id}; it was finished or released by the reconciler`,
      );
    }
  }

  /**
   * Closes the task's operation and releases the environment in one
   * transaction. Without `change.state` the environment returns to the
   * operation's release state.
   */
  async finishOperation(
    id: string,
    input: FinishOperationInput,
  ): Promise<EnvironmentRecord> {
    await this.db.transaction(async trx => {
      const current = await this.lockRow(trx, id);
      const holder = current.operation_id
        ? await trx<OperationRow>('operations')
            .where({ id: current.operation_id })
            .first()
        : undefined;
      if (!holder || holder.task_id !== input.taskId) {
        const mine = await trx<OperationRow>('operations')
          .where({ environment_id: id, task_id: input.taskId })
          .orderBy('started_at', 'desc')
          .first();
        throw new ConflictError(
          `task ${input.taskId} no longer holds environment ${current.name}${
            mine?.error ? `: ${mine.error}` : ''
          }; its outcome was not recorded. Run the task again`,
        );
      }
      const now = new Date();
      const change = input.change ?? {};
      const patch = buildPatch(current, {
        ...change,
        state:
          change.state ??
          ((holder.release_state ?? current.state) as EnvironmentState),
      });
      patch.operation_id = null;
      patch.updated_at = now;
      if (input.result === 'failed' && change.lastError === undefined) {
        patch.last_error = input.error ?? null;
      }
      await trx<EnvironmentRow>('environments')
        .where({ id, operation_id: holder.id })
        .update(patch);
      await trx<OperationRow>('operations')
        .where({ id: holder.id })
        .update({
          result: input.result,
          error: input.error ?? null,
          finished_at: now,
          ...(input.detail ? { detail: JSON.stringify(input.detail) } : {}),
        });
    });
    return this.get(id);
  }

  /** Every environment a task holds, and every busy one nothing holds. */
  async listInFlight(): Promise<InFlightOperation[]> {
    const rows = await this.db<EnvironmentRow>('environments')
      .whereNotNull('operation_id')
      .orWhereIn('state', ['provisioning', 'updating', 'destroying']);
    const records = await this.toRecords(this.db, rows);
    const ops = await this.db<OperationRow>('operations').whereIn(
      'id',
      rows.map(r => r.operation_id).filter((v): v is string => !!v),
    );
    const byId = new Map(ops.map(o => [o.id, toOperationRecord(o)]));
    return records.map((environment, i) => ({
      environment,
      operation: rows[i].operation_id
        ? byId.get(rows[i].operation_id!)
        : undefined,
    }));
  }

  /**
   * The reconciler's release: fails the operation with `reason` and returns
   * the environment to the operation's release state, only if `operationId`
   * still holds it (a compare-and-set, so a task that just finished wins).
   * Returns whether it released anything.
   */
  async releaseOperation(
    id: string,
    operationId: string | undefined,
    reason: string,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const current = await this.lockRow(trx, id);
      if ((current.operation_id ?? undefined) !== operationId) return false;
      if (!operationId && !isBusyState(current.state)) return false;
      const holder = operationId
        ? await trx<OperationRow>('operations')
            .where({ id: operationId })
            .first()
        : undefined;
      const now = new Date();
      const released = await trx<EnvironmentRow>('environments')
        .where({ id, operation_id: operationId ?? null })
        .update({
          operation_id: null,
          state: holder?.release_state ?? 'failed',
          last_error: reason,
          phase: null,
          progress: null,
          updated_at: now,
        });
      if (released !== 1) return false;
      if (holder) {
        await trx<OperationRow>('operations')
          .where({ id: holder.id })
          .update({ result: 'failed', error: reason, finished_at: now });
      }
      return true;
    });
  }

  private async getOperation(operationId: string): Promise<OperationRecord> {
    const row = await this.db<OperationRow>('operations')
      .where({ id: operationId })
      .first();
    if (!row) throw new NotFoundError(`operation ${operationId} not found`);
    return toOperationRecord(row);
  }

  /** Rows to records, with each one's in-flight operation (one extra query). */
  private async toRecords(
    db: Knex,
    rows: EnvironmentRow[],
  ): Promise<EnvironmentRecord[]> {
    const opIds = rows.map(r => r.operation_id).filter((v): v is string => !!v);
    const ops = opIds.length
      ? await db<OperationRow>('operations').whereIn('id', opIds)
      : [];
    const byId = new Map(ops.map(o => [o.id, o]));
    return rows.map(r =>
      toEnvironmentRecord(
        r,
        r.operation_id ? byId.get(r.operation_id) : undefined,
      ),
    );
  }

  /**
   * Applies a partial change and, when given, records the operation in the same
   * transaction so the audit trail never disagrees with the state.
   */
  async update(
    id: string,
    change: UpdateEnvironmentInput,
  ): Promise<EnvironmentRecord> {
    await this.db.transaction(async trx => {
      const current = await this.lockRow(trx, id);
      if (current.state === 'destroyed') {
        throw new ConflictError(
          `environment ${shortTeamName(current.team)}/${
            current.name
          } is destroyed and can no longer change`,
        );
      }
      if (
        change.state !== undefined &&
        isBusyState(change.state) &&
        change.state !== current.state
      ) {
        // Busy states are a lock: only startOperation's compare-and-set may
        // take one, or two tasks could both pass.
        throw new ConflictError(
          `${change.state} is entered only through POST /environments/${id}/operations (startOperation), which makes sure no other task holds the environment`,
        );
      }
      const now = new Date();
      const patch = buildPatch(current, change);
      patch.updated_at = now;
      if (change.operation) {
        const closed = await this.recordOperation(
          trx,
          id,
          change.operation,
          now,
        );
        // Closing the operation that holds the environment releases it.
        if (closed && closed === current.operation_id) {
          patch.operation_id = null;
        }
      }
      const writer = change.operation?.taskId;
      if (
        writer &&
        current.operation_id &&
        patch.operation_id !== null &&
        change.state !== undefined &&
        change.state !== current.state
      ) {
        // A late writer (e.g. a task the reconciler already released) must
        // not move an environment another task now holds.
        const holder = await trx<OperationRow>('operations')
          .where({ id: current.operation_id })
          .first();
        if (holder?.task_id && holder.task_id !== writer) {
          throw new ConflictError(
            `environment ${shortTeamName(current.team)}/${
              current.name
            } is held by task ${holder.task_id} (${
              holder.kind
            }); task ${writer} no longer holds it, so its state was not changed`,
          );
        }
      }
      await trx<EnvironmentRow>('environments').where({ id }).update(patch);
    });
    return this.get(id);
  }

  async listOperations(environmentId: string): Promise<OperationRecord[]> {
    const rows = await this.db<OperationRow>('operations')
      .where({ environment_id: environmentId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toOperationRecord);
  }

  /**
   * Marks the member's initial credential as delivered and opens a
   * `reveal-credential` audit row, atomically: of two concurrent reveals only
   * one gets past this point.
   */
  async claimInitialCredential(
    id: string,
    memberRef: string,
    initiator: string,
  ): Promise<CredentialClaim> {
    return this.db.transaction(async trx => {
      const current = await this.lockRow(trx, id);
      const members: EnvironmentMember[] = JSON.parse(current.members);
      const member = members.find(m => m.entityRef === memberRef);
      if (!member) {
        throw new NotFoundError(
          `${memberRef} is not a member of environment ${shortTeamName(
            current.team,
          )}/${current.name}`,
        );
      }
      if (member.credentialDeliveredAt) {
        throw new ConflictError(
          `the initial credential for ${member.username} was already revealed at ${member.credentialDeliveredAt}; it is shown only once. Ask a platform admin to reset your password`,
        );
      }
      if (!member.secretName) {
        throw new ConflictError(
          `no initial credential is stored for ${member.username} yet; wait until the desktop is provisioned`,
        );
      }
      const now = new Date();
      member.credentialDeliveredAt = now.toISOString();
      await trx<EnvironmentRow>('environments')
        .where({ id })
        .update({ members: JSON.stringify(members), updated_at: now });
      const operationId = randomUUID();
      await trx<OperationRow>('operations').insert({
        id: operationId,
        environment_id: id,
        kind: 'reveal-credential',
        initiator,
        task_id: null,
        started_at: now,
        finished_at: null,
        result: 'running',
        error: null,
        detail: JSON.stringify({ username: member.username }),
      });
      return { member: { ...member }, operationId };
    });
  }

  /**
   * Closes the reveal's audit row. When reading the secret failed, the claim is
   * released so the user can try again.
   */
  async finishCredentialReveal(
    id: string,
    claim: CredentialClaim,
    error?: string,
  ): Promise<void> {
    await this.db.transaction(async trx => {
      const now = new Date();
      if (error) {
        const current = await this.lockRow(trx, id);
        const members: EnvironmentMember[] = JSON.parse(current.members);
        for (const m of members) {
          if (m.entityRef === claim.member.entityRef) {
            delete m.credentialDeliveredAt;
          }
        }
        await trx<EnvironmentRow>('environments')
          .where({ id })
          .update({ members: JSON.stringify(members), updated_at: now });
      }
      await trx<OperationRow>('operations')
        .where({ id: claim.operationId })
        .update({
          finished_at: now,
          result: error ? 'failed' : 'succeeded',
          error: error ?? null,
        });
    });
  }

  private async lockRow(trx: Knex.Transaction, id: string) {
    const query = trx<EnvironmentRow>('environments').where({ id }).first();
    // SQLite serializes writers anyway and has no row locks.
    const row = await (trx.client.config.client === 'pg'
      ? query.forUpdate()
      : query);
    if (!row) throw new NotFoundError(`environment ${id} not found`);
    return row;
  }

  private async recordOperation(
    trx: Knex.Transaction,
    environmentId: string,
    op: NonNullable<UpdateEnvironmentInput['operation']>,
    now: Date,
  ): Promise<string | undefined> {
    const finished = op.result !== 'running';
    const closing = {
      result: op.result,
      error: op.error ?? null,
      finished_at: finished ? now : null,
      ...(op.detail ? { detail: JSON.stringify(op.detail) } : {}),
    };
    let targetId = op.id;
    if (!targetId && finished) {
      // Without an id, a finished result closes the newest running operation
      // of the same kind (e.g. the `provision` row opened by create).
      const open = await trx<OperationRow>('operations')
        .where({
          environment_id: environmentId,
          kind: op.kind,
          result: 'running',
        })
        .orderBy('started_at', 'desc')
        .first();
      targetId = open?.id;
    }
    if (targetId) {
      const updated = await trx<OperationRow>('operations')
        .where({ id: targetId, environment_id: environmentId })
        .update(closing);
      if (updated > 0) return finished ? targetId : undefined;
    }
    await trx<OperationRow>('operations').insert({
      id: op.id ?? randomUUID(),
      environment_id: environmentId,
      kind: op.kind as OperationKind,
      initiator: op.initiator,
      task_id: op.taskId ?? null,
      started_at: now,
      detail: null,
      ...closing,
    });
    return undefined;
  }
}

/** The row patch for a partial change (shared by update and finishOperation). */
function buildPatch(
  current: EnvironmentRow,
  change: Omit<UpdateEnvironmentInput, 'operation'>,
): Partial<EnvironmentRow> {
  const patch: Partial<EnvironmentRow> = {};
  if (change.state !== undefined) {
    patch.state = change.state;
    // Destroying frees the name for a new environment (see the migration).
    patch.active_name = change.state === 'destroyed' ? null : current.name;
  }
  if (change.stateReason !== undefined) {
    patch.state_reason = change.stateReason;
  }
  if (change.phase !== undefined) patch.phase = change.phase;
  if (change.progress !== undefined) {
    patch.progress = jsonOrNull(change.progress);
  }
  if (change.stackVersion !== undefined) {
    patch.stack_version = change.stackVersion;
  }
  if (change.spec !== undefined) patch.spec = JSON.stringify(change.spec);
  if (change.outputs !== undefined) {
    // Outputs accumulate (network first, desktops later), so merge.
    patch.outputs = JSON.stringify({
      ...JSON.parse(current.outputs),
      ...change.outputs,
    });
  }
  if (change.members !== undefined) {
    patch.members = JSON.stringify(
      preserveDeliveries(JSON.parse(current.members), change.members),
    );
  }
  if (change.guardrails !== undefined) {
    patch.guardrails = jsonOrNull(change.guardrails);
  }
  if (change.planSummary !== undefined) {
    patch.plan_summary = jsonOrNull(change.planSummary);
  }
  if (change.driftSummary !== undefined) {
    patch.drift_summary = jsonOrNull(change.driftSummary);
  }
  if (change.lastError !== undefined) patch.last_error = change.lastError;
  return patch;
}

/**
 * A member list sent by an action does not know about deliveries made through
 * the API; keep them so a credential cannot be revealed twice.
 */
function preserveDeliveries(
  current: EnvironmentMember[],
  next: EnvironmentMember[],
): EnvironmentMember[] {
  const delivered = new Map(
    current
      .filter(m => m.credentialDeliveredAt)
      .map(m => [m.entityRef, m.credentialDeliveredAt]),
  );
  return next.map(m =>
    !m.credentialDeliveredAt && delivered.has(m.entityRef)
      ? { ...m, credentialDeliveredAt: delivered.get(m.entityRef) }
      : m,
  );
}

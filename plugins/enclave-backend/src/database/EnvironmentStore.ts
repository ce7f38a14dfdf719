import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  createEnvironmentRequestSchema,
  EnvironmentMember,
  EnvironmentRecord,
  OperationKind,
  OperationRecord,
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

export type CreateEnvironmentInput = z.output<
  typeof createEnvironmentRequestSchema
>;
export type UpdateEnvironmentInput = z.output<
  typeof updateEnvironmentRequestSchema
>;

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
    try {
      await this.db.transaction(async trx => {
        await trx<EnvironmentRow>('environments').insert(row);
        await trx<OperationRow>('operations').insert({
          id: randomUUID(),
          environment_id: id,
          kind: 'provision',
          initiator: input.initiator,
          task_id: input.taskId ?? null,
          started_at: now,
          finished_at: null,
          result: 'running',
          error: null,
          detail: null,
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
    return toEnvironmentRecord(row);
  }

  async getMany(ids: string[]): Promise<Array<EnvironmentRecord | undefined>> {
    const rows = await this.db<EnvironmentRow>('environments').whereIn(
      'id',
      ids,
    );
    const byId = new Map(rows.map(r => [r.id, toEnvironmentRecord(r)]));
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
    return row ? toEnvironmentRecord(row) : undefined;
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
    return (await query).map(toEnvironmentRecord);
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
      const now = new Date();
      const patch: Partial<EnvironmentRow> = { updated_at: now };
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
      await trx<EnvironmentRow>('environments').where({ id }).update(patch);
      if (change.operation) {
        await this.recordOperation(trx, id, change.operation, now);
      }
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
  ): Promise<void> {
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
      if (updated > 0) return;
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
  }
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

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL unique_violation
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

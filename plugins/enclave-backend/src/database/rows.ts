/*
 * Row shapes and their mapping to the wire records. Kept apart from the store so
 * the store reads as queries only.
 */
import {
  CurrentOperation,
  EnvironmentRecord,
  EnvironmentState,
  OperationKind,
  OperationRecord,
  OperationResult,
} from '@data-enclave/plugin-enclave-common';

export interface EnvironmentRow {
  id: string;
  name: string;
  team: string;
  active_name: string | null;
  region: string;
  account_id: string;
  state: string;
  state_reason: string | null;
  phase: string | null;
  progress: string | null;
  stack_version: string;
  spec: string;
  outputs: string;
  members: string;
  guardrails: string | null;
  plan_summary: string | null;
  drift_summary: string | null;
  last_error: string | null;
  /** The in-flight operation holding the environment (see the migration). */
  operation_id?: string | null;
  created_by: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
}

export interface OperationRow {
  id: string;
  environment_id: string;
  kind: string;
  initiator: string;
  task_id: string | null;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  result: string;
  error: string | null;
  detail: string | null;
  heartbeat_at?: Date | string | number | null;
  from_state?: string | null;
  release_state?: string | null;
}

/**
 * PostgreSQL returns Date objects, SQLite (better-sqlite3) the epoch millis that
 * knex bound on insert; both become ISO strings on the wire.
 */
export function toIso(value: Date | string | number): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  return /^\d+$/.test(value)
    ? new Date(Number(value)).toISOString()
    : new Date(value).toISOString();
}

function parseJson<T>(value: string | null): T | undefined {
  return value === null || value === undefined
    ? undefined
    : (JSON.parse(value) as T);
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function toCurrentOperation(row: OperationRow): CurrentOperation {
  const current: CurrentOperation = {
    id: row.id,
    kind: row.kind as OperationKind,
    initiator: row.initiator,
    startedAt: toIso(row.started_at),
  };
  if (row.task_id) current.taskId = row.task_id;
  if (row.heartbeat_at) current.heartbeatAt = toIso(row.heartbeat_at);
  return current;
}

export function toEnvironmentRecord(
  row: EnvironmentRow,
  current?: OperationRow,
): EnvironmentRecord {
  const record: EnvironmentRecord = {
    id: row.id,
    name: row.name,
    team: row.team,
    region: row.region,
    accountId: row.account_id,
    state: row.state as EnvironmentState,
    stackVersion: row.stack_version,
    spec: parseJson(row.spec) ?? {},
    outputs: parseJson(row.outputs) ?? {},
    members: parseJson(row.members) ?? [],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
  // Optional fields are omitted rather than null so the wire shape matches the type.
  if (row.state_reason) record.stateReason = row.state_reason;
  if (row.phase) record.phase = row.phase;
  const progress = parseJson<EnvironmentRecord['progress']>(row.progress);
  if (progress) record.progress = progress;
  const guardrails = parseJson<EnvironmentRecord['guardrails']>(row.guardrails);
  if (guardrails) record.guardrails = guardrails;
  const planSummary = parseJson<EnvironmentRecord['planSummary']>(
    row.plan_summary,
  );
  if (planSummary) record.planSummary = planSummary;
  const drift = parseJson<EnvironmentRecord['driftSummary']>(row.drift_summary);
  if (drift) record.driftSummary = drift;
  if (row.last_error) record.lastError = row.last_error;
  if (row.created_by) record.createdBy = row.created_by;
  if (current && current.id === row.operation_id) {
    record.currentOperation = toCurrentOperation(current);
  }
  return record;
}

export function toOperationRecord(row: OperationRow): OperationRecord {
  const record: OperationRecord = {
    id: row.id,
    environmentId: row.environment_id,
    kind: row.kind as OperationKind,
    initiator: row.initiator,
    startedAt: toIso(row.started_at),
    result: row.result as OperationResult,
  };
  if (row.task_id) record.taskId = row.task_id;
  if (row.finished_at !== null && row.finished_at !== undefined) {
    record.finishedAt = toIso(row.finished_at);
  }
  if (row.error) record.error = row.error;
  const detail = parseJson<Record<string, unknown>>(row.detail);
  if (detail) record.detail = detail;
  if (row.heartbeat_at) record.heartbeatAt = toIso(row.heartbeat_at);
  if (row.from_state) record.fromState = row.from_state as EnvironmentState;
  if (row.release_state) {
    record.releaseState = row.release_state as EnvironmentState;
  }
  return record;
}

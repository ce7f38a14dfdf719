/*
 * The enclave_fleet_runs row and its mapping to the wire record
 * (FleetRunRecord, enclave-common). Kept apart from the store so the store
 * reads as queries only.
 */
import type {
  FleetPlan,
  FleetRollout,
  FleetRunKind,
  FleetRunProgress,
  FleetRunRecord,
  FleetRunStatus,
} from '@data-enclave/plugin-enclave-common';
import { toIso } from '../database/rows';

type Timestamp = Date | string | number;

export interface FleetRunRow {
  id: string;
  kind: string;
  status: string;
  to_version: string;
  initiator: string;
  plan_run_id: string | null;
  canary_size: number | null;
  concurrency: number | null;
  /** `fleet` while queued or running, NULL once ended (see the migration). */
  active_slot: string | null;
  worker_id: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
  progress: string;
  result: string | null;
  error: string | null;
}

/** The value of `active_slot` while a run holds the fleet. */
export const ACTIVE_SLOT = 'fleet';

export function toFleetRunRecord(row: FleetRunRow): FleetRunRecord {
  const kind = row.kind as FleetRunKind;
  const record: FleetRunRecord = {
    id: row.id,
    kind,
    status: row.status as FleetRunStatus,
    toVersion: row.to_version,
    initiator: row.initiator,
    createdAt: toIso(row.created_at),
    progress: JSON.parse(row.progress) as Record<string, FleetRunProgress>,
  };
  if (row.plan_run_id) record.planRunId = row.plan_run_id;
  if (row.canary_size !== null) record.canarySize = Number(row.canary_size);
  if (row.started_at !== null) record.startedAt = toIso(row.started_at);
  if (row.heartbeat_at !== null) record.heartbeatAt = toIso(row.heartbeat_at);
  if (row.finished_at !== null) record.finishedAt = toIso(row.finished_at);
  if (row.result !== null) {
    const result = JSON.parse(row.result);
    if (kind === 'plan') record.plan = result as FleetPlan;
    else record.rollout = result as FleetRollout;
  }
  if (row.error !== null) record.error = row.error;
  return record;
}

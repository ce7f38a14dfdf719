import type {
  FleetEnvironmentStatus,
  FleetRunRecord,
  FleetStatusResponse,
} from '@data-enclave/plugin-enclave-common';
import type { EnclaveApi } from '../api';
import { unusedApiMethod } from './fixtures';

export const PLATFORM_ADMIN = 'user:default/guest';

export function fleetRow(
  name: string,
  overrides: Partial<FleetEnvironmentStatus> = {},
): FleetEnvironmentStatus {
  return {
    environmentId: `id-${name}`,
    name,
    team: 'group:default/data-science',
    region: 'eu-west-1',
    state: 'planned',
    stackVersion: '0.9.0',
    behind: true,
    ...overrides,
  };
}

/** A finished fleet plan run whose environments are `safe` unless listed as destructive. */
export function planRun(
  rows: FleetEnvironmentStatus[],
  overrides: Partial<FleetRunRecord> = {},
  destructive: string[] = [],
): FleetRunRecord {
  return {
    id: '6f1c1f5e-3b5a-4a57-9d49-1a2b3c4d5e6f',
    kind: 'plan',
    status: 'succeeded',
    toVersion: '1.0.0',
    initiator: PLATFORM_ADMIN,
    createdAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:05:00.000Z',
    progress: {},
    plan: {
      runId: '6f1c1f5e-3b5a-4a57-9d49-1a2b3c4d5e6f',
      toVersion: '1.0.0',
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:05:00.000Z',
      concurrency: 2,
      current: [],
      environments: rows.map(row => ({
        environmentId: row.environmentId,
        name: row.name,
        team: row.team,
        fromVersion: row.stackVersion,
        toVersion: '1.0.0',
        status: destructive.includes(row.name) ? 'destructive' : 'safe',
        planSummary: { add: 2, change: 3, destroy: 0 },
      })),
    },
    ...overrides,
  };
}

export function fleetStatus(
  environments: FleetEnvironmentStatus[],
  overrides: Partial<FleetStatusResponse> = {},
): FleetStatusResponse {
  const behind = environments.filter(e => e.behind).length;
  return {
    targetVersion: '1.0.0',
    behind,
    current: environments.length - behind,
    environments,
    ...overrides,
  };
}

/**
 * The EnclaveApi at the client boundary, for the Fleet view: only the fleet
 * methods answer; the card's reads fail because the page must not use them.
 */
export function mockFleetApi(
  fleet: FleetStatusResponse | (() => FleetStatusResponse),
): jest.Mocked<EnclaveApi> {
  const notForTheFleetPage = <K extends keyof EnclaveApi>(method: K) =>
    unusedApiMethod('the Fleet view', method);
  const read = () => (typeof fleet === 'function' ? fleet() : fleet);
  return {
    listEnvironments: notForTheFleetPage('listEnvironments'),
    getEnvironment: notForTheFleetPage('getEnvironment'),
    findEnvironment: notForTheFleetPage('findEnvironment'),
    listOperations: notForTheFleetPage('listOperations'),
    getStatus: notForTheFleetPage('getStatus'),
    revealInitialCredential: notForTheFleetPage('revealInitialCredential'),
    startSpark: notForTheFleetPage('startSpark'),
    getFleet: jest.fn(async () => read()),
    startFleetPlan: jest.fn(async () => ({
      id: '0d9a4b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      kind: 'plan' as const,
      status: 'queued' as const,
      toVersion: read().targetVersion,
      initiator: PLATFORM_ADMIN,
      createdAt: '2026-12-01T11:00:00.000Z',
      progress: {},
    })),
    startFleetRollout: notForTheFleetPage('startFleetRollout'),
    getFleetRun: notForTheFleetPage('getFleetRun'),
  };
}

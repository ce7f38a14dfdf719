/*
 * Shared setup for the action tests: the example org from examples/org.yaml
 * in Backstage's catalog test double, the real config parser, and a registry
 * that records what the action sent (the real registry is exercised by the
 * integration test through the enclave backend).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  EnclaveClient,
  EnvironmentRecord,
  OperationRecord,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { parseAllDocuments } from 'yaml';
import { createProvisionAction } from '../actions/provision';
import { ProvisionRegistry } from '../operations/provisionOperation';
import { resolveCatalogUsers } from '../catalog/catalogUsers';

const REPO = resolve(__dirname, '../../../..');

export function exampleOrg(): Entity[] {
  return parseAllDocuments(
    readFileSync(resolve(REPO, 'examples/org.yaml'), 'utf8'),
  )
    .map(d => d.toJSON() as Entity)
    .filter(Boolean)
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

/**
 * The initiator's ownership refs as a catalog sign-in resolver
 * (`signInWithCatalogUser`) puts them in the token: the user plus every group
 * of examples/org.yaml that lists them in spec.members or that they name in
 * spec.memberOf.
 */
export function exampleOrgUserInfo() {
  const org = exampleOrg();
  return {
    async getUserInfo(credentials: BackstageCredentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const name = userEntityRef.replace(/^user:default\//, '');
      const user = org.find(e => e.kind === 'User' && e.metadata.name === name);
      const memberOf = (user?.spec?.memberOf as string[] | undefined) ?? [];
      const groups = org
        .filter(e => e.kind === 'Group')
        .filter(
          g =>
            ((g.spec?.members as string[] | undefined) ?? []).includes(name) ||
            memberOf.includes(g.metadata.name),
        )
        .map(g => `group:default/${g.metadata.name}`);
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
    },
  };
}

/** The hashicorp/aws mirror for plan-mode tests (see findProviderMirror). */
export function testConfig(overrides: Record<string, unknown> = {}) {
  return parseDataEnclaveConfig({
    // G12: the example bundle is approved unless a test says otherwise.
    workspaces: { approvedBundles: [TEST_APPROVED_BUNDLE] },
    terraform: {
      pluginCacheDir: resolve(
        require('node:os').tmpdir(),
        'data-enclave-test-plugin-cache',
      ),
    },
    ...overrides,
  });
}

export class RecordingRegistry implements ProvisionRegistry {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  private records = new Map<string, EnvironmentRecord>();

  async findEnvironment(team: string, name: string) {
    this.calls.push({ method: 'findEnvironment', args: [team, name] });
    return [...this.records.values()].find(
      r => r.team === team && r.name === name,
    );
  }
  async createEnvironment(
    request: Parameters<ProvisionRegistry['createEnvironment']>[0],
  ) {
    this.calls.push({ method: 'createEnvironment', args: [request] });
    const now = new Date().toISOString();
    const record = {
      id: `env-${this.records.size + 1}`,
      ...request,
      state: request.state ?? 'provisioning',
      // Like the store: a busy create holds the environment for its task.
      ...((request.state ?? 'provisioning') === 'provisioning'
        ? {
            currentOperation: {
              id: `op-create-${this.records.size + 1}`,
              kind: 'provision',
              initiator: request.initiator,
              taskId: request.taskId,
              startedAt: now,
            },
          }
        : {}),
      outputs: {},
      members: request.members ?? [],
      createdAt: now,
      updatedAt: now,
    } as EnvironmentRecord;
    this.records.set(record.id, record);
    return record;
  }
  async updateEnvironment(
    id: string,
    request: Parameters<ProvisionRegistry['updateEnvironment']>[1],
  ) {
    this.calls.push({ method: 'updateEnvironment', args: [id, request] });
    // Like the real registry's PATCH: absent (undefined) fields are left alone.
    const changes = Object.fromEntries(
      Object.entries(request).filter(([, v]) => v !== undefined),
    );
    const record = {
      ...this.records.get(id)!,
      ...changes,
    } as EnvironmentRecord;
    this.records.set(id, record);
    return record;
  }
  /**
   * Like the store's compare-and-set (EnvironmentStore.startOperation, which
   * the enclave-backend tests run on SQLite and PostgreSQL): one holder per
   * environment, the same task resumes, other states are refused.
   */
  private operationCount = 0;
  async startOperation(
    id: string,
    request: Parameters<EnclaveClient['startOperation']>[1],
  ) {
    this.calls.push({ method: 'startOperation', args: [id, request] });
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(`no environment ${id}`);
    const holder = this.holders.get(id);
    if (holder && holder.taskId !== request.taskId) {
      throw new ConflictError(
        `environment ${record.name} is ${record.state} (${holder.kind} by ${holder.initiator}, task ${holder.taskId}); wait for that task to finish, then run this one again`,
      );
    }
    if (!holder && !request.allowedStates.includes(record.state)) {
      throw new InputError(
        `environment ${record.name} is ${record.state}; ${
          request.kind
        } needs it ${request.allowedStates.join(' or ')}`,
      );
    }
    const operation = holder ?? {
      // Unique like the store's ids: a retried task (same task id) after a
      // finished operation is a new row, never the old one reopened.
      id: `op-${++this.operationCount}-${request.taskId}`,
      environmentId: id,
      kind: request.kind,
      initiator: request.initiator,
      taskId: request.taskId,
      startedAt: new Date().toISOString(),
      result: 'running' as const,
      fromState: record.state,
      releaseState: request.releaseState ?? record.state,
    };
    this.holders.set(id, operation);
    const environment = {
      ...record,
      ...(request.change ?? {}),
      state: request.busyState,
    } as EnvironmentRecord;
    this.records.set(id, environment);
    return { environment, operation, resumed: !!holder };
  }
  async finishOperation(
    id: string,
    request: Parameters<EnclaveClient['finishOperation']>[1],
  ) {
    this.calls.push({ method: 'finishOperation', args: [id, request] });
    const holder = this.holders.get(id);
    if (!holder || holder.taskId !== request.taskId) {
      throw new ConflictError(`task ${request.taskId} no longer holds ${id}`);
    }
    this.holders.delete(id);
    const change = request.change ?? {};
    return this.updateEnvironment(id, {
      ...change,
      state: change.state ?? holder.releaseState,
      ...(request.result === 'failed' && change.lastError === undefined
        ? { lastError: request.error }
        : {}),
    });
  }
  /** Like the store: each record with the operation that holds it. */
  async listEnvironments(): Promise<EnvironmentRecord[]> {
    return [...this.records.values()].map(record => {
      const holder = this.holders.get(record.id);
      if (!holder) return record;
      const { id, kind, initiator, taskId, startedAt } = holder;
      return {
        ...record,
        currentOperation: { id, kind, initiator, taskId, startedAt },
      };
    });
  }
  /** Heartbeats are not recorded in `calls` (they are timer-driven). */
  async heartbeatOperation(_id: string, _taskId: string) {}
  /** The operation holding each environment (the store's operation_id). */
  readonly holders = new Map<string, OperationRecord>();
  get(id: string) {
    return this.records.get(id);
  }
}

export function makeAction(
  overrides: {
    config?: ReturnType<typeof testConfig>;
    registry?: RecordingRegistry;
  } = {},
) {
  const catalog = catalogServiceMock({ entities: exampleOrg() });
  const registry = overrides.registry ?? new RecordingRegistry();
  const action = createProvisionAction({
    config: overrides.config ?? testConfig(),
    registry,
    resolveUsers: (refs, credentials) =>
      resolveCatalogUsers(catalog, refs, credentials),
    userInfo: exampleOrgUserInfo(),
  });
  return { action, registry };
}

export function contextFor(
  input: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const logs: string[] = [];
  const ctx = createMockActionContext({
    input: input as any,
    user: { ref: 'user:default/guest' },
    ...extra,
  });
  // createMockActionContext does not carry every field over; set them here.
  Object.assign(ctx, extra);
  // The initiator's credentials are the task's user (the mock's default is
  // user:default/mock), as the scaffolder gives them to a real task.
  const initiator = mockCredentials.user(ctx.user?.ref ?? 'user:default/guest');
  ctx.getInitiatorCredentials = async () => initiator;
  const logger = ctx.logger;
  (logger as any).info = (message: string) => logs.push(message);
  return { ctx, logs };
}

export const VALID_INPUT = {
  name: 'analytics',
  owner: 'group:default/data-science',
  region: 'eu-west-1',
  users: ['user:default/ada.lovelace', 'user:default/alan.turing'],
  clientCidrs: ['203.0.113.0/24'],
};

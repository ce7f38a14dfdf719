/*
 * Setup for the day-2 action tests: a registry that also answers
 * getEnvironment/listOperations (with an audit trail like the real one), an
 * environment seeded in it and in the catalog (as the entity provider would
 * emit it), a permissions service that allows or denies, and the deps the
 * actions take.
 */
import { NotFoundError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EnvironmentMember,
  EnvironmentRecord,
  OperationRecord,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';
import { environmentToEntity } from '@data-enclave/plugin-catalog-backend-module-enclave';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  FakeAws,
  fakeTiming,
} from '@data-enclave/plugin-enclave-node/testUtils';
import { resolveCatalogUsers } from '../catalog/catalogUsers';
import { findEnvironmentId } from '../catalog/environmentRef';
import {
  LifecycleActionDeps,
  LifecycleApplyDeps,
} from '../operations/lifecycleOperation';
import { exampleOrg, RecordingRegistry, testConfig } from './actionHarness';

export const EXAMPLE_SPEC: Record<string, unknown> = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/environment.json'),
    'utf8',
  ),
);
export const ENVIRONMENT_REF = 'resource:default/data-science-analytics';

export class LifecycleRegistry extends RecordingRegistry {
  readonly operations: OperationRecord[] = [];

  async getEnvironment(id: string) {
    this.calls.push({ method: 'getEnvironment', args: [id] });
    const record = this.get(id);
    if (!record) throw new NotFoundError(`no environment ${id}`);
    return record;
  }
  async listOperations(id: string) {
    return this.operations.filter(op => op.environmentId === id);
  }
  async listEnvironments() {
    return (await super.listEnvironments()).filter(e => e.id === 'env-1');
  }
  async startOperation(
    id: string,
    request: Parameters<RecordingRegistry['startOperation']>[1],
  ) {
    const started = await super.startOperation(id, request);
    if (!started.resumed) this.operations.push(started.operation);
    return started;
  }
  async finishOperation(
    id: string,
    request: Parameters<RecordingRegistry['finishOperation']>[1],
  ) {
    const holder = this.holders.get(id);
    const finished = await super.finishOperation(id, request);
    Object.assign(this.operations.find(o => o.id === holder?.id) ?? {}, {
      result: request.result,
      error: request.error,
    });
    return finished;
  }
  async updateEnvironment(id: string, request: UpdateEnvironmentRequest) {
    const op = request.operation;
    if (op) {
      // Like the real store: an id names the row to update; without one a
      // finished result closes the newest running operation of the same
      // kind, else it is a new row.
      const open = op.id
        ? this.operations.find(o => o.id === op.id)
        : [...this.operations]
            .reverse()
            .find(
              o =>
                o.environmentId === id &&
                o.kind === op.kind &&
                o.result === 'running' &&
                op.result !== 'running',
            );
      if (open) {
        Object.assign(open, {
          result: op.result,
          error: op.error,
          ...(op.detail ? { detail: op.detail } : {}),
        });
      } else {
        this.operations.push({
          id: `op-${this.operations.length + 1}`,
          environmentId: id,
          kind: op.kind,
          initiator: op.initiator,
          taskId: op.taskId,
          startedAt: new Date().toISOString(),
          result: op.result,
          error: op.error,
          detail: op.detail,
        });
      }
    }
    const { operation: _operation, ...change } = request;
    return super.updateEnvironment(id, change);
  }
}

export interface SeedOptions {
  state?: EnvironmentRecord['state'];
  members?: EnvironmentMember[];
  directoryId?: string;
  kmsKeyArn?: string;
}

/** The example environment (ada + alan), as provisioning would have left it. */
export async function seedEnvironment(
  registry: LifecycleRegistry,
  options: SeedOptions = {},
) {
  const members = options.members ?? [
    {
      entityRef: 'user:default/ada.lovelace',
      username: 'ada.lovelace',
      email: 'ada.lovelace@example.com',
    },
    {
      entityRef: 'user:default/alan.turing',
      username: 'alan.turing',
      email: 'alan.turing@example.com',
    },
  ];
  const created = await registry.createEnvironment({
    name: 'analytics',
    team: 'group:default/data-science',
    region: 'eu-west-1',
    accountId: '123456789012',
    stackVersion: '1.0.0',
    spec: EXAMPLE_SPEC,
    state: options.state ?? 'planned',
    members,
    initiator: 'user:default/guest',
  });
  const record = await registry.updateEnvironment(created.id, {
    outputs: {
      ...(options.directoryId ? { directoryId: options.directoryId } : {}),
      ...(options.kmsKeyArn ? { kmsKeyArn: options.kmsKeyArn } : {}),
    },
  });
  registry.calls.length = 0;
  return record;
}

export function permissionsThat(result: 'allow' | 'deny') {
  return {
    authorize: jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({
        result:
          result === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
    ),
  };
}

export function lifecycleDeps(options: {
  registry: LifecycleRegistry;
  config?: ReturnType<typeof testConfig>;
  permission?: 'allow' | 'deny';
  apply?: LifecycleApplyDeps;
  /** Extra catalog entities (the seeded environment is added automatically). */
  entities?: Entity[];
}) {
  const permissions = permissionsThat(options.permission ?? 'allow');
  const environment = options.registry.get('env-1');
  const catalog = catalogServiceMock({
    entities: [
      ...exampleOrg(),
      ...(environment ? [environmentToEntity(environment)] : []),
      ...(options.entities ?? []),
    ],
  });
  const deps: LifecycleActionDeps = {
    config: options.config ?? testConfig(),
    registry: options.registry,
    permissions,
    findEnvironmentId: (ref, credentials) =>
      findEnvironmentId(catalog, ref, credentials),
    resolveUsers: (refs, credentials) =>
      resolveCatalogUsers(catalog, refs, credentials),
    apply: options.apply,
  };
  return { deps, permissions };
}

/** ctx.checkpoint that remembers successful steps across handler runs (task retries). */
export function checkpointStore() {
  const done = new Map<string, unknown>();
  return {
    done,
    async checkpoint(opts: { key: string; fn: () => Promise<any> }) {
      if (done.has(opts.key)) return done.get(opts.key);
      const value = await opts.fn();
      done.set(opts.key, value);
      return value;
    },
  };
}

export const STAND_IN_TERRAFORM = resolve(
  __dirname,
  '../../../enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);

/**
 * Apply mode against mocked AWS: FakeAws for the SDK and the stand-in
 * terraform binary (it records its arguments and never talks to AWS).
 */
export function mockedApplyMode(
  fake: FakeAws,
  options: { failOnce?: string } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-lifecycle-action-'));
  const argsLog = join(dir, 'terraform-args.log');
  const config = testConfig({
    mode: 'apply',
    accounts: [
      {
        accountId: '123456789012',
        regions: ['eu-west-1'],
        // Apply mode requires the deployer role (the data bucket exempts it).
        roleArn: 'arn:aws:iam::123456789012:role/enclave-deployer',
      },
    ],
    terraform: {
      binary: STAND_IN_TERRAFORM,
      workDir: join(dir, 'work'),
      pluginCacheDir: join(dir, 'plugin-cache'),
    },
  });
  const apply: LifecycleApplyDeps = {
    awsClients: async () => fake.clients,
    terraformEnv: async () => ({
      FAKE_TF_ARGS_LOG: argsLog,
      ...(options.failOnce
        ? {
            FAKE_TF_FAIL_ONCE: options.failOnce,
            FAKE_TF_FAIL_ONCE_MARKER: join(dir, 'failed-once'),
          }
        : {}),
    }),
    waits: { timing: fakeTiming(), minDelayMs: 1, maxDelayMs: 1 },
  };
  const terraformCommands = (): string[] =>
    existsSync(argsLog)
      ? readFileSync(argsLog, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map(l => (JSON.parse(l) as string[])[0])
      : [];
  return { config, apply, terraformCommands };
}

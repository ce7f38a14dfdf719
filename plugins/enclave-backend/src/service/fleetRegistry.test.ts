/*
 * The fleet plan against the real registry (EnvironmentStore on SQLite, and
 * PostgreSQL when scripts/test.sh provides it): the store's compare-and-set
 * keeps the fleet off a busy environment, also when the environment was
 * claimed after the fleet listed it, and a failed plan is an operation in
 * the environment's audit trail with the environment released. Terraform is
 * a binary that does not exist, so no plan reaches terraform or AWS (the real
 * plan is covered by enclave-node's fleet.engine.test.ts).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { planFleetUpgrade } from '@data-enclave/plugin-enclave-node';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import { fleetRegistryFor } from './fleetRegistry';

const databases = createEnclaveTestDatabases();
const EXAMPLE = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/environment.json'),
    'utf8',
  ),
);

describe.each(databases.eachSupportedId())('fleet plan on %s', id => {
  jest.setTimeout(120_000);

  it('skips busy environments, records a failed plan and releases the environment', async () => {
    const { registry } = await createTestRegistry(databases, id);
    const create = async (name: string, stackVersion: string) => {
      // Recorded as already applied (no provisioning operation left running).
      return registry.create(
        testEnvironmentRequest({
          name,
          stackVersion,
          spec: { ...EXAMPLE, name, stackVersion },
          state: 'ready',
        }),
      );
    };
    const current = await create('current', '1.1.0');
    const busy = await create('busy', '1.0.0');
    const late = await create('late', '1.0.0');
    const broken = await create('broken', '1.0.0');
    await registry.startOperation(busy.id, {
      kind: 'add-user',
      initiator: 'user:default/bob',
      taskId: 'task-bob',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    const fleet = fleetRegistryFor(registry);
    // "late" is claimed by another task after the fleet listed it idle.
    const listed = await fleet.listEnvironments();
    await registry.startOperation(late.id, {
      kind: 'upgrade',
      initiator: 'user:default/carol',
      taskId: 'task-carol',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'enclave-fleet-registry-'));
    const plan = await planFleetUpgrade({
      registry: { ...fleet, listEnvironments: async () => listed },
      config: parseDataEnclaveConfig({
        stackVersion: '1.1.0',
        terraform: {
          binary: '/nonexistent/terraform',
          pluginCacheDir: join(dir, 'cache'),
          workDir: join(dir, 'work'),
        },
      }),
      concurrency: 2,
      initiator: 'user:default/platform-admin',
      taskId: 'fleet-task-1',
    });

    expect(plan.current.map(e => e.name)).toEqual(['current']);
    const byName = Object.fromEntries(plan.environments.map(e => [e.name, e]));
    expect(byName.busy).toMatchObject({ status: 'skipped' });
    expect(byName.busy.reason).toMatch(
      /busy: updating \(add-user by user:default\/bob\)/,
    );
    expect(byName.late).toMatchObject({ status: 'skipped' });
    expect(byName.late.reason).toMatch(/task-carol/);
    expect(byName.broken).toMatchObject({ status: 'failed' });

    // Neither busy environment was touched: each holds only its own task's operation.
    for (const [env, task] of [
      [busy, 'task-bob'],
      [late, 'task-carol'],
    ] as const) {
      const ops = await registry.listOperations(env.id);
      expect(
        ops.filter(o => o.kind !== 'provision').map(o => [o.taskId, o.result]),
      ).toEqual([[task, 'running']]);
      expect((await registry.get(env.id)).state).toBe('updating');
    }
    // The failed plan is in the audit trail; the environment is free again.
    const [op] = (await registry.listOperations(broken.id)).filter(
      o => o.kind === 'upgrade',
    );
    expect(op).toMatchObject({
      kind: 'upgrade',
      taskId: 'fleet-task-1',
      initiator: 'user:default/platform-admin',
      result: 'failed',
      detail: { fleet: 'plan', status: 'failed', toVersion: '1.1.0' },
    });
    const after = await registry.get(broken.id);
    expect(after).toMatchObject({ state: 'ready', stackVersion: '1.0.0' });
    expect(after.currentOperation).toBeUndefined();
    // A failed plan is the audit trail's, not the card's: lastError stays
    // as it was (none), since nothing the environment runs changed.
    expect(op.error).toMatch(/was not found on PATH/);
    expect(after.lastError).toBeUndefined();
    expect(
      (await registry.listOperations(current.id)).map(o => o.kind),
    ).toEqual(['provision']);
  });
});

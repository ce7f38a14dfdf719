/*
 * A drift round's claims under the real reconciler: real store, real
 * registry, the real round (runDriftChecks) with the check itself a stand-in
 * for enclave-node's checkDrift that waits until the test lets it finish.
 * The scaffolder (every non-drift id) is a stand-in that knows no task.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createTestRegistry,
  testEnvironmentRequest,
} from '../__testUtils__/testRegistry';
import { runDriftChecks } from '../drift/driftSchedule';
import { driftTaskLookup } from './driftTaskLookup';
import { OperationReconciler } from './OperationReconciler';

const databases = createEnclaveTestDatabases();
const config = parseDataEnclaveConfig({
  mode: 'apply',
  operations: { heartbeatSeconds: 1, staleAfterSeconds: 60 },
});

describe.each(databases.eachSupportedId())('driftTaskLookup on %s', id => {
  async function setup() {
    const { registry } = await createTestRegistry(databases, id);
    const env = await registry.create(
      testEnvironmentRequest({ state: 'ready' }),
    );
    let clock = () => new Date();
    const reconciler = new OperationReconciler({
      registry,
      tasks: driftTaskLookup({
        others: { getTask: async () => ({ status: 'missing' }) },
      }),
      staleAfterSeconds: config.operations.staleAfterSeconds,
      logger: mockServices.logger.mock(),
      now: () => clock(),
    });
    let finish!: () => void;
    const finished = new Promise<void>(r => (finish = r));
    let checkSignal: AbortSignal | undefined;
    let started!: () => void;
    const checking = new Promise<void>(r => (started = r));
    const logger = mockServices.logger.mock();
    const round = runDriftChecks({
      config,
      registry,
      terraformEnv: async () => ({}),
      logger,
      check: async ({ signal }) => {
        checkSignal = signal;
        started();
        await Promise.race([
          finished,
          new Promise(r => signal?.addEventListener('abort', r)),
        ]);
        if (signal?.aborted) throw new Error('terraform plan was cancelled');
        return {
          checkedAt: new Date().toISOString(),
          changes: 0,
          addresses: [],
        };
      },
    });
    await checking;
    return {
      registry,
      env,
      reconciler,
      round,
      finish,
      logger,
      signal: () => checkSignal,
      setClock: (f: () => Date) => (clock = f),
    };
  }

  it('keeps a live drift claim, which heartbeats, and lets the round release it with its result', async () => {
    const { registry, env, reconciler, round, finish } = await setup();
    const held = (await registry.get(env.id)).currentOperation!;
    expect(held.taskId).toMatch(/^drift:[0-9a-f-]{36}$/);
    await new Promise(r => setTimeout(r, 1300));
    const beat = (await registry.get(env.id)).currentOperation!;
    expect(Date.parse(beat.heartbeatAt!)).toBeGreaterThan(
      Date.parse(held.heartbeatAt!),
    );
    // The scaffolder knows no `drift:` task; the claim is still kept.
    expect(await reconciler.reconcile()).toEqual({ checked: 1, released: [] });
    expect((await registry.get(env.id)).currentOperation?.id).toBe(held.id);

    finish();
    expect(await round).toEqual({ checked: 1, failed: 0, skipped: 0 });
    const after = await registry.get(env.id);
    expect(after.state).toBe('ready');
    expect(after.currentOperation).toBeUndefined();
    expect(await registry.listOperations(env.id)).toContainEqual(
      expect.objectContaining({
        id: held.id,
        kind: 'drift-check',
        result: 'succeeded',
      }),
    );
  });

  it('releases a drift claim that went silent, and the round stops checking that environment', async () => {
    const { registry, env, reconciler, round, logger, signal, setClock } =
      await setup();
    // From two minutes ahead, the claim's last heartbeat is stale (60 s).
    setClock(() => new Date(Date.now() + 120_000));
    const { released } = await reconciler.reconcile();
    expect(released).toHaveLength(1);
    expect(released[0].reason).toMatch(
      /^Released by the reconciler: drift-check \(task drift:[0-9a-f-]{36}\) sent no heartbeat for 1[12]\d s/,
    );
    // The round's next heartbeat is refused: it aborts the check.
    expect(await round).toEqual({ checked: 0, failed: 1, skipped: 0 });
    expect(signal()?.aborted).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Drift check of group:default\/data-science\/analytics lost its claim: ConflictError: task drift:/,
      ),
    );
    const after = await registry.get(env.id);
    expect(after.state).toBe('ready');
    expect(after.currentOperation).toBeUndefined();
  });
});

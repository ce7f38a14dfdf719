/*
 * enclave:environment:destroy through the action, with mocked AWS (FakeAws)
 * and the stand-in terraform binary where terraform destroy would hit AWS.
 */
import { ConflictError, InputError } from '@backstage/errors';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
} from '@data-enclave/plugin-enclave-node/testUtils';
import {
  APPLY_ATTEMPT_DETAIL,
  findProviderMirror,
} from '@data-enclave/plugin-enclave-node';
import { contextFor, testConfig } from '../__testUtils__/actionHarness';
import {
  checkpointStore,
  ENVIRONMENT_REF,
  LifecycleRegistry,
  lifecycleDeps,
  mockedApplyMode,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createDestroyAction } from './destroy';

// Each test spawns the stand-in terraform (a Node start-up per command) up to
// four times; on the shared 2-core machine that outgrows jest's 5 s default.
jest.setTimeout(60_000);

async function seededApply(failOnce?: string) {
  const fake = new FakeAws();
  for (const u of ['ada.lovelace', 'alan.turing']) {
    fake.seedWorkspace(u);
    fake.secrets.set(`enclave/analytics/${u}`, { values: ['{}'] });
  }
  const registry = new LifecycleRegistry();
  await seedEnvironment(registry, {
    state: 'ready',
    directoryId: DIRECTORY_ID,
    kmsKeyArn: KMS_KEY_ARN,
  });
  const mode = mockedApplyMode(fake, { failOnce });
  const action = createDestroyAction(
    lifecycleDeps({ registry, config: mode.config, apply: mode.apply }).deps,
  );
  return { fake, registry, action, ...mode };
}

const input = { environment: ENVIRONMENT_REF, confirmName: 'analytics' };

describe('enclave:environment:destroy (mocked AWS, stand-in terraform)', () => {
  it('refuses a wrong confirmation name before touching anything', async () => {
    const { fake, registry, action, terraformCommands } = await seededApply();
    const { ctx } = contextFor({ ...input, confirmName: 'analytic' });
    await expect(action.handler(ctx as any)).rejects.toThrow(InputError);
    expect(fake.totalCalls()).toBe(0);
    expect(terraformCommands()).toEqual([]);
    expect(registry.get('env-1')!.state).toBe('ready');
    fake.restore();
  });

  it('refuses while another task is changing the environment', async () => {
    const { fake, registry, action, terraformCommands } = await seededApply();
    await registry.startOperation('env-1', {
      kind: 'upgrade',
      initiator: 'user:default/ada.lovelace',
      taskId: 'another-task',
      busyState: 'updating',
      allowedStates: ['planned', 'ready'],
    });
    const { ctx } = contextFor(input);
    await expect(action.handler(ctx as any)).rejects.toThrow(ConflictError);
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /is updating \(upgrade by user:default\/ada.lovelace, task another-task\)/,
    );
    expect(fake.totalCalls()).toBe(0);
    expect(terraformCommands()).toEqual([]);
    fake.restore();
  });

  it('fails at terraform destroy, and the retried task resumes there and marks the environment destroyed with nothing left', async () => {
    const { fake, registry, action, terraformCommands } = await seededApply(
      'destroy',
    );
    fake.deregisterFailures = 2;
    const store = checkpointStore();

    const first = contextFor(input);
    first.ctx.checkpoint = store.checkpoint as any;
    await expect(action.handler(first.ctx as any)).rejects.toThrow(
      /terraform destroy failed/,
    );
    expect(registry.get('env-1')!.state).toBe('failed');
    expect(registry.operations.at(-1)).toMatchObject({
      kind: 'destroy',
      result: 'failed',
    });

    // A scaffolder retry keeps the task id and the checkpoints.
    const retry = contextFor(input);
    retry.ctx.checkpoint = store.checkpoint as any;
    const terminateCalls = fake.count('TerminateWorkspaces');
    const deregisterCalls = fake.count('DeregisterWorkspaceDirectory');
    await action.handler(retry.ctx as any);
    expect(fake.count('TerminateWorkspaces')).toBe(terminateCalls);
    expect(fake.count('DeregisterWorkspaceDirectory')).toBe(deregisterCalls);
    expect(terraformCommands()).toEqual(['init', 'destroy', 'init', 'destroy']);

    expect(registry.get('env-1')!.state).toBe('destroyed');
    expect(registry.operations.at(-1)).toMatchObject({
      kind: 'destroy',
      result: 'succeeded',
    });
    expect(
      [...fake.workspaces.values()].filter(w => w.State !== 'TERMINATED'),
    ).toEqual([]);
    expect(fake.directoryRegistered).toBe(false);
    expect([...fake.secrets.values()].filter(s => !s.deleted)).toEqual([]);
    const outputs = Object.fromEntries(
      (retry.ctx.output as jest.Mock).mock.calls,
    );
    expect(outputs).toMatchObject({ state: 'destroyed', planOnly: false });
    fake.restore();
  });
});

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true')
  throw new Error('the provider mirror is required under CI=true');
const describeEngine = mirror ? describe : describe.skip;

/**
 * A provision released as `failed` (its task died; the reconciler let go),
 * decommissioned in plan mode with the real terraform (`plan -destroy`
 * offline against the mirror). No AWS at all: plan mode has no clients.
 */
describeEngine(
  'enclave:environment:destroy of a failed environment in plan mode (real terraform)',
  () => {
    async function failedEnvironment(apply: boolean) {
      const registry = new LifecycleRegistry();
      await seedEnvironment(registry, { state: 'failed' });
      // What the provision left in the audit trail: its operation, released.
      registry.operations.push({
        id: 'op-provision',
        environmentId: 'env-1',
        kind: 'provision',
        initiator: 'user:default/guest',
        taskId: 'dead-task',
        startedAt: new Date().toISOString(),
        result: 'failed',
        error: 'released: task dead-task is no longer running',
        ...(apply ? { detail: { ...APPLY_ATTEMPT_DETAIL } } : {}),
      });
      const action = createDestroyAction(
        lifecycleDeps({
          registry,
          config: testConfig({ terraform: { providerMirror: mirror } }),
        }).deps,
      );
      const { ctx, logs } = contextFor(input);
      await action.handler(ctx as any);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      return { registry, outputs, logs };
    }

    it('never applied: marks it destroyed (its entity leaves the catalog)', async () => {
      const { registry, outputs, logs } = await failedEnvironment(false);
      expect(outputs).toMatchObject({ state: 'destroyed', planOnly: true });
      expect(registry.get('env-1')!.state).toBe('destroyed');
      expect(logs.join('\n')).toMatch(/was never applied/);
      expect(registry.operations.at(-1)).toMatchObject({
        kind: 'destroy',
        result: 'succeeded',
      });
    });

    it('after an apply-mode provision attempt: stays failed and says to use apply mode', async () => {
      const { registry, outputs, logs } = await failedEnvironment(true);
      expect(outputs).toMatchObject({ state: 'failed', planOnly: true });
      expect(registry.get('env-1')!.state).toBe('failed');
      expect(logs.join('\n')).toMatch(
        /may have resources in AWS \(an apply-mode provision ran on it\).*dataEnclave.mode: apply/,
      );
    });
  },
);

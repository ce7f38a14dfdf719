/*
 * A task recovered without its secrets (task recovery switched on only after
 * the crash): the scaffolder hands the action none-credentials. The action
 * must stop before any catalog, permission, AWS or terraform call, say what
 * happened and what to do, and release the environment the task held.
 * AWS is FakeAws (aws-sdk-client-mock) and terraform the stand-in binary, so
 * any call would be counted.
 */
import { NotAllowedError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import { FakeAws } from '@data-enclave/plugin-enclave-node/testUtils';
import { createDestroyAction } from '../actions/destroy';
import { createProvisionAction } from '../actions/provision';
import {
  contextFor,
  exampleOrgUserInfo,
  VALID_INPUT,
} from '../__testUtils__/actionHarness';
import {
  ENVIRONMENT_REF,
  LifecycleRegistry,
  lifecycleDeps,
  mockedApplyMode,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { NO_INITIATOR_MESSAGE } from './initiatorCredentials';

/** What createMockActionContext calls the task; the crashed task's id. */
const TASK_ID = 'mock-task-id';

function recoveredWithoutSecrets(input: Record<string, unknown>) {
  const { ctx, logs } = contextFor(input);
  ctx.getInitiatorCredentials = async () => mockCredentials.none() as any;
  return { ctx, logs };
}

describe('a task recovered without its initiator credentials', () => {
  it('decommission: fails at once with what to do, releases the environment, calls nothing', async () => {
    const fake = new FakeAws();
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, { state: 'ready' });
    // The crashed run had started its operation before the backend died.
    await registry.startOperation('env-1', {
      kind: 'destroy',
      initiator: 'user:default/guest',
      taskId: TASK_ID,
      busyState: 'destroying',
      allowedStates: ['ready'],
      releaseState: 'failed',
    });
    const mode = mockedApplyMode(fake);
    const { deps, permissions } = lifecycleDeps({
      registry,
      config: mode.config,
      apply: mode.apply,
    });
    const action = createDestroyAction(deps);
    const { ctx } = recoveredWithoutSecrets({
      environment: ENVIRONMENT_REF,
      confirmName: 'analytics',
    });

    const run = action.handler(ctx as any);
    await expect(run).rejects.toThrow(NotAllowedError);
    await expect(run).rejects.toThrow(
      /no sign-in credentials: it was recovered after a backend restart.*run the template again/,
    );
    const environment = registry.get('env-1')!;
    expect(environment.state).toBe('failed');
    expect(environment.lastError).toBe(NO_INITIATOR_MESSAGE);
    expect(registry.holders.has('env-1')).toBe(false);
    expect(registry.operations.at(-1)).toMatchObject({
      kind: 'destroy',
      taskId: TASK_ID,
      result: 'failed',
      error: NO_INITIATOR_MESSAGE,
    });
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(fake.totalCalls()).toBe(0);
    expect(mode.terraformCommands()).toEqual([]);
    fake.restore();
  });

  it('provision: fails at once and releases the environment its run held as failed, so it can be provisioned again', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, { state: 'failed' });
    await registry.startOperation('env-1', {
      kind: 'provision',
      initiator: 'user:default/guest',
      taskId: TASK_ID,
      busyState: 'provisioning',
      allowedStates: ['planned', 'failed'],
      releaseState: 'failed',
    });
    const resolveUsers = jest.fn();
    const action = createProvisionAction({
      config: lifecycleDeps({ registry }).deps.config,
      registry,
      resolveUsers,
      userInfo: exampleOrgUserInfo(),
    });
    const { ctx } = recoveredWithoutSecrets(VALID_INPUT);

    await expect(action.handler(ctx as any)).rejects.toThrow(
      NO_INITIATOR_MESSAGE,
    );
    expect(resolveUsers).not.toHaveBeenCalled();
    expect(registry.get('env-1')).toMatchObject({
      state: 'failed',
      lastError: NO_INITIATOR_MESSAGE,
    });
    expect(registry.holders.has('env-1')).toBe(false);
  });

  it('a normal task (credentials present) is not affected', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, { state: 'ready' });
    const action = createDestroyAction(lifecycleDeps({ registry }).deps);
    const { ctx } = contextFor({
      environment: ENVIRONMENT_REF,
      confirmName: 'wrong-name',
    });
    // Gets past the credentials to the input check.
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /confirmName must be the environment's name/,
    );
    expect(registry.get('env-1')!.state).toBe('ready');
  });
});

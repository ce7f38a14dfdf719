import { environmentToEntity } from '@data-enclave/plugin-catalog-backend-module-enclave';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
} from '@data-enclave/plugin-enclave-node/testUtils';
import { contextFor } from '../__testUtils__/actionHarness';
import {
  ENVIRONMENT_REF,
  LifecycleRegistry,
  lifecycleDeps,
  mockedApplyMode,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createUsersRemoveAction } from './usersRemove';

const ALAN = 'user:default/alan.turing';

function outputsOf(ctx: { output: unknown }) {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

describe('enclave:users:remove', () => {
  it('with mocked AWS terminates his WorkSpace, deletes his user and secret, then drops him from the registry and the entity relations; a re-run does nothing', async () => {
    const fake = new FakeAws();
    fake.seedWorkspace('ada.lovelace');
    const alansDesktop = fake.seedWorkspace('alan.turing');
    for (const u of ['ada.lovelace', 'alan.turing'])
      fake.secrets.set(`enclave/analytics/${u}`, { values: ['{}'] });
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, {
      state: 'ready',
      directoryId: DIRECTORY_ID,
      kmsKeyArn: KMS_KEY_ARN,
    });
    const { config, apply, terraformCommands } = mockedApplyMode(fake);
    const action = createUsersRemoveAction(
      lifecycleDeps({ registry, config, apply }).deps,
    );

    const { ctx } = contextFor({ environment: ENVIRONMENT_REF, users: [ALAN] });
    await action.handler(ctx as any);

    expect(fake.workspaces.get(alansDesktop)!.State).toBe('TERMINATED');
    expect(fake.directoryUsers.has('alan.turing')).toBe(false);
    expect(fake.secrets.get('enclave/analytics/alan.turing')!.deleted).toBe(
      true,
    );
    // Ada keeps everything.
    expect(fake.directoryUsers.has('ada.lovelace')).toBe(true);
    expect(fake.secrets.get('enclave/analytics/ada.lovelace')!.deleted).toBe(
      undefined,
    );
    const record = registry.get('env-1')!;
    expect(record.members.map(m => m.entityRef)).toEqual([
      'user:default/ada.lovelace',
    ]);
    expect((record.spec.users as any[]).map(u => u.entityRef)).toEqual([
      'user:default/ada.lovelace',
    ]);
    expect(environmentToEntity(record).spec?.dependsOn).toEqual([
      'user:default/ada.lovelace',
    ]);
    expect(outputsOf(ctx)).toMatchObject({ removed: [ALAN], notMembers: [] });

    const terminateCalls = fake.count('TerminateWorkspaces');
    const again = contextFor({ environment: ENVIRONMENT_REF, users: [ALAN] });
    await action.handler(again.ctx as any);
    expect(outputsOf(again.ctx)).toMatchObject({
      removed: [],
      notMembers: [ALAN],
    });
    expect(fake.count('TerminateWorkspaces')).toBe(terminateCalls);
    expect(terraformCommands()).toEqual([]);
    fake.restore();
  });

  it('in plan mode only updates the registry and logs what would happen in AWS', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry);
    const action = createUsersRemoveAction(lifecycleDeps({ registry }).deps);
    const { ctx, logs } = contextFor({
      environment: ENVIRONMENT_REF,
      users: [ALAN],
    });
    await action.handler(ctx as any);
    expect(registry.get('env-1')!.members.map(m => m.entityRef)).toEqual([
      'user:default/ada.lovelace',
    ]);
    expect(logs).toContain(
      'Plan mode: would terminate the WorkSpace of user:default/alan.turing, delete directory user alan.turing and secret enclave/analytics/alan.turing',
    );
    expect(outputsOf(ctx).planOnly).toBe(true);
  });
});

import { environmentToEntity } from '@data-enclave/plugin-catalog-backend-module-enclave';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
} from '@data-enclave/plugin-enclave-node/testUtils';
import { InputError } from '@backstage/errors';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { contextFor } from '../__testUtils__/actionHarness';
import {
  ENVIRONMENT_REF,
  LifecycleRegistry,
  lifecycleDeps,
  mockedApplyMode,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createUsersAddAction } from './usersAdd';

const GRACE = 'user:default/grace.hopper';

function outputsOf(ctx: { output: unknown }) {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

describe('enclave:users:add', () => {
  it('in plan mode records the new member in the registry and the entity relations, and says what AWS would get', async () => {
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry);
    const { deps } = lifecycleDeps({ registry });
    const action = createUsersAddAction(deps);

    const { ctx, logs } = contextFor({
      environment: ENVIRONMENT_REF,
      users: [GRACE],
    });
    await action.handler(ctx as any);
    expect(outputsOf(ctx)).toMatchObject({
      added: [GRACE],
      alreadyMembers: [],
      planOnly: true,
    });
    const record = registry.get('env-1')!;
    expect(record.state).toBe('planned');
    expect(record.members.map(m => m.entityRef)).toEqual([
      'user:default/ada.lovelace',
      'user:default/alan.turing',
      GRACE,
    ]);
    expect((record.spec.users as any[]).map(u => u.username)).toContain(
      'grace.hopper',
    );
    expect(environmentToEntity(record).spec?.dependsOn).toContain(GRACE);
    expect(
      logs.some(l =>
        l.startsWith('Plan mode: would create directory user grace.hopper'),
      ),
    ).toBe(true);
    expect(registry.operations).toEqual([
      expect.objectContaining({ kind: 'add-user', result: 'succeeded' }),
    ]);

    // Idempotent: adding her again changes nothing.
    const again = contextFor({ environment: ENVIRONMENT_REF, users: [GRACE] });
    await action.handler(again.ctx as any);
    expect(outputsOf(again.ctx)).toMatchObject({
      added: [],
      alreadyMembers: [GRACE],
    });
    expect(
      registry.get('env-1')!.members.filter(m => m.entityRef === GRACE),
    ).toHaveLength(1);
  });

  it('refuses a bundle that is no longer in approvedBundles before any AWS call (G12, the provisioning check; AWS mocked with aws-sdk-client-mock via FakeAws)', async () => {
    const fake = new FakeAws();
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, {
      state: 'ready',
      directoryId: DIRECTORY_ID,
      kmsKeyArn: KMS_KEY_ARN,
    });
    const { config, apply, terraformCommands } = mockedApplyMode(fake);
    // The platform withdrew the environment's bundle and approved another.
    const withdrawn = {
      ...config,
      workspaces: {
        ...config.workspaces,
        approvedBundles: [
          { ...TEST_APPROVED_BUNDLE, name: 'Enclave Ubuntu 22.04 hardened v2' },
        ],
      },
    };
    const action = createUsersAddAction(
      lifecycleDeps({ registry, config: withdrawn, apply }).deps,
    );

    const run = action.handler(
      contextFor({ environment: ENVIRONMENT_REF, users: [GRACE] }).ctx as any,
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /WorkSpaces bundle "Standard with Ubuntu 22\.04" is not in dataEnclave\.workspaces\.approvedBundles \("Enclave Ubuntu 22\.04 hardened v2"\)/,
    );
    expect(fake.totalCalls()).toBe(0);
    expect(terraformCommands()).toEqual([]);
    const record = registry.get('env-1')!;
    expect(record.members.map(m => m.entityRef)).not.toContain(GRACE);
    // The environment is released, and the audit trail says why.
    expect(record.state).toBe('ready');
    expect(registry.operations).toEqual([
      expect.objectContaining({ kind: 'add-user', result: 'failed' }),
    ]);
    fake.restore();
  });

  it('with mocked AWS creates her directory user, secret and WorkSpace once, however often it runs', async () => {
    const fake = new FakeAws();
    fake.seedWorkspace('ada.lovelace');
    fake.seedWorkspace('alan.turing');
    const registry = new LifecycleRegistry();
    await seedEnvironment(registry, {
      state: 'ready',
      directoryId: DIRECTORY_ID,
      kmsKeyArn: KMS_KEY_ARN,
    });
    const { config, apply, terraformCommands } = mockedApplyMode(fake);
    const action = createUsersAddAction(
      lifecycleDeps({ registry, config, apply }).deps,
    );

    await action.handler(
      contextFor({ environment: ENVIRONMENT_REF, users: [GRACE] }).ctx as any,
    );
    expect(fake.directoryUsers.has('grace.hopper')).toBe(true);
    expect(fake.secrets.has('enclave/analytics/grace.hopper')).toBe(true);
    const graces = [...fake.workspaces.values()].filter(
      w => w.UserName === 'grace.hopper',
    );
    expect(graces).toHaveLength(1);
    expect(graces[0].State).toBe('AVAILABLE');
    const member = registry
      .get('env-1')!
      .members.find(m => m.entityRef === GRACE)!;
    expect(member).toMatchObject({
      username: 'grace.hopper',
      workspaceId: graces[0].WorkspaceId,
      state: 'AVAILABLE',
      secretName: 'enclave/analytics/grace.hopper',
    });
    expect(registry.get('env-1')!.state).toBe('ready');

    const createCalls = fake.count('CreateWorkspaces');
    const rerun = contextFor({ environment: ENVIRONMENT_REF, users: [GRACE] });
    await action.handler(rerun.ctx as any);
    expect(fake.count('CreateWorkspaces')).toBe(createCalls);
    expect(fake.count('CreateUser')).toBe(2); // 1 create, then 1 "exists" answer
    expect(outputsOf(rerun.ctx).alreadyMembers).toEqual([GRACE]);
    expect(
      [...fake.workspaces.values()].filter(w => w.UserName === 'grace.hopper'),
    ).toHaveLength(1);
    // People are not part of the stack: no terraform run.
    expect(terraformCommands()).toEqual([]);
    fake.restore();
  });
});

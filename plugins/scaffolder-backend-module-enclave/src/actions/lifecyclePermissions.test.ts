/*
 * The day-2 actions check `enclave.environment.manage` with the initiator's
 * credentials, whatever the template's picker offered: a denied user gets
 * NotAllowedError before any terraform process or AWS call (mocked AWS and
 * the stand-in terraform record every attempt).
 */
import { NotAllowedError } from '@backstage/errors';
import { enclaveEnvironmentManagePermission } from '@data-enclave/plugin-enclave-common';
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
import { createDestroyAction } from './destroy';
import { createUpgradeAction } from './upgrade';
import { createUsersAddAction } from './usersAdd';
import { createUsersRemoveAction } from './usersRemove';

const cases = [
  [
    'enclave:environment:destroy',
    createDestroyAction,
    { confirmName: 'analytics' },
  ],
  ['enclave:environment:upgrade', createUpgradeAction, { confirm: true }],
  [
    'enclave:users:add',
    createUsersAddAction,
    { users: ['user:default/grace.hopper'] },
  ],
  [
    'enclave:users:remove',
    createUsersRemoveAction,
    { users: ['user:default/alan.turing'] },
  ],
] as const;

describe('day-2 actions on someone else’s environment (mocked AWS, stand-in terraform)', () => {
  it.each(cases)(
    '%s refuses a non-owner with NotAllowedError, spawning nothing and calling no AWS API',
    async (_id, create, extra) => {
      const fake = new FakeAws();
      const registry = new LifecycleRegistry();
      await seedEnvironment(registry, {
        state: 'ready',
        directoryId: DIRECTORY_ID,
        kmsKeyArn: KMS_KEY_ARN,
      });
      const mode = mockedApplyMode(fake);
      const { deps, permissions } = lifecycleDeps({
        registry,
        config: mode.config,
        apply: mode.apply,
        permission: 'deny',
      });
      const action = (create as any)(deps);
      const { ctx } = contextFor(
        { environment: ENVIRONMENT_REF, ...extra },
        { user: { ref: 'user:default/katherine.johnson' } },
      );

      await expect(action.handler(ctx)).rejects.toThrow(NotAllowedError);
      await expect(action.handler(ctx)).rejects.toThrow(
        'you may not change environment analytics: it belongs to group:default/data-science',
      );
      // Asked with the initiator's credentials, for this environment.
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: enclaveEnvironmentManagePermission,
            resourceRef: 'env-1',
          },
        ],
        { credentials: await ctx.getInitiatorCredentials() },
      );
      expect(mode.terraformCommands()).toEqual([]);
      expect(fake.totalCalls()).toBe(0);
      expect(
        registry.calls.filter(c => c.method === 'updateEnvironment'),
      ).toEqual([]);
      expect(registry.get('env-1')!.state).toBe('ready');
      fake.restore();
    },
  );
});

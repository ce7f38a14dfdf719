/*
 * enclave:users:remove — thin: check the initiator may manage the
 * environment, hand over to enclave-node's removeEnvironmentUsers (terminate
 * the desktops, delete the directory users and secrets), record who is left.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { removeEnvironmentUsers } from '@data-enclave/plugin-enclave-node';
import {
  beginLifecycleOperation,
  LifecycleActionDeps,
} from '../operations/lifecycleOperation';
import {
  finishMembershipChange,
  rethrowInputErrors,
} from '../operations/membershipChange';
import { usersRemoveExamples } from './usersRemove.examples';

export const USERS_REMOVE_ACTION_ID = 'enclave:users:remove';

export function createUsersRemoveAction(deps: LifecycleActionDeps) {
  return createTemplateAction({
    id: USERS_REMOVE_ACTION_ID,
    description:
      'Removes people from a Data Enclave environment: terminates their WorkSpaces, deletes their directory user and initial-password secret. Idempotent. In plan mode only the registry is updated.',
    examples: usersRemoveExamples,
    schema: {
      input: {
        environment: z =>
          z
            .string()
            .describe(
              'The environment: its catalog entity ref (resource:default/<team>-<name>)',
            ),
        users: z =>
          z
            .array(z.string())
            .min(1)
            .describe('People to remove (User entity refs)'),
      },
      output: {
        removed: z =>
          z.array(z.string()).describe('User entity refs that were removed'),
        notMembers: z =>
          z
            .array(z.string())
            .describe('User entity refs that were not members (nothing to do)'),
        members: z =>
          z.array(z.any()).describe('Everyone left in the environment'),
        planOnly: z =>
          z.boolean().describe('True when nothing was done in AWS (plan mode)'),
      },
    },
    async handler(ctx) {
      const op = await beginLifecycleOperation(ctx, deps, {
        kind: 'remove-user',
        environmentRef: ctx.input.environment,
        busyState: 'updating',
        allowedStates: ['ready', 'planned'],
      });
      const { environment } = op;
      // Refs as the catalog writes them, so they match the recorded members.
      const userRefs = ctx.input.users.map(ref =>
        ref.includes(':') ? ref : `user:default/${ref}`,
      );
      let change;
      try {
        const directoryId = environment.outputs.directoryId;
        change = await removeEnvironmentUsers({
          spec: environment.spec,
          members: environment.members,
          userRefs,
          config: deps.config,
          logger: ctx.logger,
          desktops:
            op.apply && directoryId
              ? {
                  clients: await op.apply.awsClients(
                    environment.accountId,
                    environment.region,
                  ),
                  directoryId,
                  signal: ctx.signal,
                  ...op.apply.waits,
                }
              : undefined,
        }).catch(rethrowInputErrors);
      } catch (error) {
        await op.fail(error);
        throw error;
      }
      // Whoever could not be removed stays a member; a re-run finishes.
      await finishMembershipChange(ctx, op, change, {
        changed: 'removed',
        unchanged: 'notMembers',
        failure: 'could not remove',
      });
    },
  });
}

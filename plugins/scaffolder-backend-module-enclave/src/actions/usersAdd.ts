/*
 * enclave:users:add — thin: check the initiator may manage the environment,
 * resolve the people through the catalog, hand over to enclave-node's
 * addEnvironmentUsers, record the new members (the entity provider turns them
 * into dependsOn relations). addEnvironmentUsers refuses a bundle that is not
 * in dataEnclave.workspaces.approvedBundles first (G12, the check provisioning
 * runs), so an unapproved bundle never reaches AWS.
 */
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { addEnvironmentUsers } from '@data-enclave/plugin-enclave-node';
import {
  beginLifecycleOperation,
  LifecycleActionDeps,
} from '../operations/lifecycleOperation';
import { usersAddExamples } from './usersAdd.examples';
import {
  finishMembershipChange,
  rethrowInputErrors,
} from '../operations/membershipChange';

export const USERS_ADD_ACTION_ID = 'enclave:users:add';

export function createUsersAddAction(deps: LifecycleActionDeps) {
  return createTemplateAction({
    id: USERS_ADD_ACTION_ID,
    description:
      'Gives people a directory user and a WorkSpace in an existing Data Enclave environment (idempotent: people who already have one keep it). In plan mode only the registry is updated.',
    examples: usersAddExamples,
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
            .describe('People to add (User entity refs)'),
      },
      output: {
        added: z =>
          z.array(z.string()).describe('User entity refs that were added'),
        alreadyMembers: z =>
          z
            .array(z.string())
            .describe('User entity refs that were already members'),
        members: z =>
          z
            .array(z.any())
            .describe('Everyone in the environment: user, username, desktop'),
        planOnly: z =>
          z.boolean().describe('True when nothing was done in AWS (plan mode)'),
      },
    },
    async handler(ctx) {
      const op = await beginLifecycleOperation(ctx, deps, {
        kind: 'add-user',
        environmentRef: ctx.input.environment,
        busyState: 'updating',
        allowedStates: ['ready', 'planned'],
      });
      const { environment } = op;
      const outputs = environment.outputs;
      let change;
      try {
        const users = await deps.resolveUsers(ctx.input.users, op.credentials);
        if (op.apply && (!outputs.directoryId || !outputs.kmsKeyArn)) {
          throw new InputError(
            `environment ${environment.name} has no directory or key recorded; run the provisioning template again first`,
          );
        }
        change = await addEnvironmentUsers({
          spec: environment.spec,
          members: environment.members,
          users,
          config: deps.config,
          logger: ctx.logger,
          desktops: op.apply && {
            clients: await op.apply.awsClients(
              environment.accountId,
              environment.region,
            ),
            directoryId: outputs.directoryId!,
            kmsKeyArn: outputs.kmsKeyArn!,
            signal: ctx.signal,
            tuning: op.apply.waits && {
              timing: op.apply.waits.timing,
              waitMinDelayMs: op.apply.waits.minDelayMs,
              waitMaxDelayMs: op.apply.waits.maxDelayMs,
            },
          },
        }).catch(rethrowInputErrors);
      } catch (error) {
        await op.fail(error);
        throw error;
      }
      await finishMembershipChange(ctx, op, change, {
        changed: 'added',
        unchanged: 'alreadyMembers',
        failure: 'desktops failed for',
      });
    },
  });
}

/*
 * enclave:users:add — thin: check the initiator may manage the environment,
 * resolve the people through the catalog, hand over to enclave-node's
 * addEnvironmentUsers, record the new members (the entity provider turns them
 * into dependsOn relations).
 */
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { EnvironmentMember } from '@data-enclave/plugin-enclave-common';
import {
  addEnvironmentUsers,
  EnclaveInputError,
} from '@data-enclave/plugin-enclave-node';
import {
  beginLifecycleOperation,
  LifecycleActionDeps,
} from '../services/lifecycleOperation';
import { usersAddExamples } from './usersAdd.examples';

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
      // Desktops that failed are recorded with their error (a re-run repairs
      // them), and the task fails so that someone looks.
      const failure = change.failed.length
        ? `desktops failed for ${change.failed
            .map(f => `${f.entityRef}: ${f.error}`)
            .join('; ')}. Run the task again to retry.`
        : undefined;
      await op.finish(
        {
          spec: change.spec as unknown as Record<string, unknown>,
          members: change.members,
        },
        { added: change.changed, alreadyMembers: change.unchanged },
        failure,
      );
      ctx.output('added', change.changed);
      ctx.output('alreadyMembers', change.unchanged);
      ctx.output('planOnly', op.planOnly);
      ctx.output('members', describeMembers(change.members));
      if (failure) throw new Error(failure);
    },
  });
}

export function describeMembers(members: EnvironmentMember[]) {
  return members.map(m => ({
    user: m.entityRef,
    username: m.username,
    workspaceId: m.workspaceId,
    state: m.state,
    error: m.error,
  }));
}

/** Mistakes in what was asked for become InputErrors (shown as-is). */
export function rethrowInputErrors(error: unknown): never {
  if (error instanceof EnclaveInputError) throw new InputError(error.message);
  if ((error as Error)?.name === 'EnvironmentSpecError')
    throw new InputError((error as Error).message);
  throw error;
}

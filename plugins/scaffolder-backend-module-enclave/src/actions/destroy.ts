/*
 * enclave:environment:destroy — thin: check the initiator may manage the
 * environment and typed its name, hand over to enclave-node's
 * destroyEnvironment (WorkSpaces → directory registration → terraform destroy
 * → secrets, each step checkpointed so a retried task resumes), and mark the
 * environment destroyed, which removes its catalog entity.
 */
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  appliedEvidence,
  destroyEnvironment,
  environmentWorkDir,
  planDestroy,
} from '@data-enclave/plugin-enclave-node';
import { resolve } from 'node:path';
import {
  beginLifecycleOperation,
  LifecycleActionDeps,
} from '../operations/lifecycleOperation';
import { destroyExamples } from './destroy.examples';
import { destroyInput, destroyOutput } from './destroy.schema';

export const DESTROY_ACTION_ID = 'enclave:environment:destroy';

export function createDestroyAction(deps: LifecycleActionDeps) {
  const { config, registry } = deps;
  return createTemplateAction({
    id: DESTROY_ACTION_ID,
    description:
      'Decommissions an environment with nothing left behind: terminates every WorkSpace, deregisters the directory from WorkSpaces, runs terraform destroy and deletes the initial-password secrets. Resumes where it failed when the task is retried. In plan mode it plans the destroy and reports it.',
    examples: destroyExamples,
    schema: { input: destroyInput, output: destroyOutput },
    async handler(ctx) {
      const op = await beginLifecycleOperation(ctx, deps, {
        kind: 'destroy',
        environmentRef: ctx.input.environment,
        busyState: 'destroying',
        allowedStates: ['ready', 'failed', 'planned'],
        validate: environment => {
          if (ctx.input.confirmName.trim() !== environment.name) {
            throw new InputError(
              `confirmName must be the environment's name, "${environment.name}"; nothing was destroyed`,
            );
          }
        },
      });
      const { environment } = op;
      const log = (line: string) => ctx.logger.info(line);
      try {
        if (!op.apply) {
          const summary = await planDestroy({
            spec: environment.spec,
            stackVersion: environment.stackVersion,
            config,
            workDir: resolve(ctx.workspacePath, 'enclave-destroy'),
            log,
            signal: ctx.signal,
          });
          // Never applied means nothing exists in AWS: the record can go,
          // whether it is planned or failed (e.g. released after a kill
          // during plan). Anything applied keeps its record until apply mode
          // destroys it through Terraform.
          const applied =
            environment.state === 'planned'
              ? undefined
              : appliedEvidence({
                  state: environment.state,
                  outputs: environment.outputs,
                  operations: await registry.listOperations(environment.id),
                });
          const destroyed = !applied;
          log(
            destroyed
              ? `Plan mode: ${environment.name} was never applied, so nothing exists in AWS; it is marked destroyed.`
              : `Plan mode: ${environment.name} may have resources in AWS (${applied}) and is not destroyed; set dataEnclave.mode: apply to decommission it.`,
          );
          const { add, change, destroy } = summary;
          await op.finish(destroyed ? { state: 'destroyed' } : {}, {
            planSummary: { add, change, destroy },
            planOnly: true,
          });
          ctx.output('state', destroyed ? 'destroyed' : environment.state);
          ctx.output('planOnly', true);
          ctx.output('planSummary', { add, change, destroy });
          return;
        }

        const result = await destroyEnvironment({
          spec: environment.spec,
          stackVersion: environment.stackVersion,
          config,
          workDir: environmentWorkDir(config, environment),
          directoryId: environment.outputs.directoryId,
          members: environment.members,
          clients: await op.apply.awsClients(
            environment.accountId,
            environment.region,
          ),
          terraformEnv: await op.apply.terraformEnv(
            environment.accountId,
            environment.region,
          ),
          logger: ctx.logger,
          signal: ctx.signal,
          checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
          onPhase: phase => {
            registry
              .updateEnvironment(environment.id, { phase })
              .catch(() => {});
          },
          ...op.apply.waits,
        });
        await op.finish(
          { state: 'destroyed', stateReason: null },
          {
            workspacesTerminated: result.workspacesTerminated,
            directory: result.directory,
            terraform: result.terraformSummary,
            secretsDeleted: result.secretsDeleted,
          },
        );
        ctx.output('state', 'destroyed');
        ctx.output('planOnly', false);
        ctx.output('workspacesTerminated', result.workspacesTerminated);
        ctx.output('secretsDeleted', result.secretsDeleted);
      } catch (error) {
        // `failed`, not back to ready: part of it may be gone already. A
        // retry of this task resumes after the last completed step.
        await op.fail(error, 'failed');
        throw error;
      }
    },
  });
}

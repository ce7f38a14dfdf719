/*
 * enclave:environment:upgrade — thin: check the initiator may manage the
 * environment, hand over to enclave-node's upgradeEnvironment (re-synthesize
 * at the platform's stack version, guardrails, plan, apply only when nothing
 * is destroyed or the destroys were confirmed), record the result.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GuardrailViolationError,
  toGuardrailReportJson,
  upgradeEnvironment,
  environmentWorkDir,
} from '@data-enclave/plugin-enclave-node';
import { resolve } from 'node:path';
import {
  beginLifecycleOperation,
  LifecycleActionDeps,
} from '../operations/lifecycleOperation';
import { rethrowInputErrors } from '../operations/membershipChange';
import { upgradeExamples } from './upgrade.examples';
import { upgradeInput, upgradeOutput } from './upgrade.schema';

export const UPGRADE_ACTION_ID = 'enclave:environment:upgrade';

export function createUpgradeAction(deps: LifecycleActionDeps) {
  const { config, registry } = deps;
  return createTemplateAction({
    id: UPGRADE_ACTION_ID,
    description:
      "Upgrades an environment to the platform's current stack version (dataEnclave.stackVersion): re-synthesizes it, checks the guardrails, plans, and shows the diff. Applies only when the plan destroys nothing or `confirm` is true. In plan mode it plans and reports.",
    examples: upgradeExamples,
    schema: { input: upgradeInput, output: upgradeOutput },
    async handler(ctx) {
      const op = await beginLifecycleOperation(ctx, deps, {
        kind: 'upgrade',
        environmentRef: ctx.input.environment,
        busyState: 'updating',
        allowedStates: ['ready', 'planned'],
      });
      const { environment } = op;
      try {
        const result = await upgradeEnvironment({
          spec: environment.spec,
          config,
          confirm: ctx.input.confirm ?? false,
          approvedDestroys: ctx.input.approvedDestroys,
          workDir: op.apply
            ? environmentWorkDir(config, environment)
            : resolve(ctx.workspacePath, 'enclave-upgrade'),
          log: line => ctx.logger.info(line),
          signal: ctx.signal,
          checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
          onPhase: phase => {
            registry
              .updateEnvironment(environment.id, { phase })
              .catch(() => {});
          },
          apply: op.apply && {
            env: await op.apply.terraformEnv(
              environment.accountId,
              environment.region,
            ),
          },
        }).catch(rethrowInputErrors);
        // A never-applied environment has nothing in AWS to keep in step, so
        // its record moves to the new version with the plan; an applied one
        // only once the apply succeeded.
        const moved = result.applied || environment.state === 'planned';
        await op.finish(
          {
            planSummary: result.planSummary,
            guardrails:
              result.provision.planGuardrails ??
              result.provision.synthGuardrails,
            ...(moved
              ? {
                  stackVersion: result.toVersion,
                  spec: {
                    ...environment.spec,
                    stackVersion: result.toVersion,
                  },
                }
              : {}),
            ...(result.outputs ? { outputs: result.outputs } : {}),
          },
          {
            fromVersion: result.fromVersion,
            toVersion: result.toVersion,
            applied: result.applied,
            needsConfirmation: result.needsConfirmation,
          },
        );
        ctx.output('fromVersion', result.fromVersion);
        ctx.output('toVersion', result.toVersion);
        if (result.planSummary) ctx.output('planSummary', result.planSummary);
        ctx.output('applied', result.applied);
        ctx.output('needsConfirmation', result.needsConfirmation);
        ctx.output('planOnly', op.planOnly);
        if (result.reason) ctx.output('reason', result.reason);
      } catch (error) {
        await op.fail(error);
        if (error instanceof GuardrailViolationError) {
          await registry
            .updateEnvironment(environment.id, {
              guardrails: toGuardrailReportJson(error.report),
            })
            .catch(() => {});
        }
        throw error;
      }
    },
  });
}

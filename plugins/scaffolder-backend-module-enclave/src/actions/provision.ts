/* enclave:environment:provision — thin: validate, resolve the people, check the
 * initiator is in the owner team, open the registry record, hand over to
 * enclave-node's provisionEnvironment, record the result, set the outputs. */
import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DataEnclaveConfig,
  environmentEntityRef,
  EnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import {
  buildEnvironmentSpec,
  environmentWorkDir,
  provisionEnvironment,
  ProvisionRequest,
} from '@data-enclave/plugin-enclave-node';
import { resolve } from 'node:path';
import { AwsAccess, desktopTuning } from '../aws/awsAccess';
import { CatalogUser, requireDistinctRefs } from '../catalog/catalogUsers';
import {
  describeMembers,
  rethrowInputErrors,
} from '../operations/membershipChange';
import { requireInitiatorCredentials } from '../operations/initiatorCredentials';
import { requireOwnerTeamMember } from '../operations/ownerMembership';
import {
  ProvisionRegistry,
  startProvisionOperation,
} from '../operations/provisionOperation';
import { provisionExamples } from './provision.examples';
import { provisionInput, provisionOutput } from './provision.schema';

export interface ProvisionActionDeps {
  config: DataEnclaveConfig;
  registry: ProvisionRegistry;
  resolveUsers(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogUser[]>;
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  /** Apply mode's access to the environment's account; absent in plan mode. */
  apply?: AwsAccess;
}

export const PROVISION_ACTION_ID = 'enclave:environment:provision';

export function createProvisionAction(deps: ProvisionActionDeps) {
  const { config, registry } = deps;
  return createTemplateAction({
    id: PROVISION_ACTION_ID,
    description:
      'Synthesizes a no-egress data-science environment (VPC, EMR, directory, WorkSpaces), proves it against the exfiltration guardrails, plans it with Terraform and, in apply mode, provisions it and its desktops.',
    examples: provisionExamples,
    supportsDryRun: true,
    schema: { input: provisionInput, output: provisionOutput },
    async handler(ctx) {
      const { input } = ctx;
      requireDistinctRefs('users', input.users, 'person who needs a desktop');
      const credentials = await requireInitiatorCredentials(ctx, registry);
      const users = await deps.resolveUsers(input.users, credentials);
      let spec: EnvironmentSpec;
      try {
        // The request's fields by name; the owner is the team.
        spec = buildEnvironmentSpec(
          {
            ...(input as Omit<ProvisionRequest, 'team' | 'users'>),
            team: input.owner,
            users,
          },
          config,
        );
      } catch (error) {
        rethrowInputErrors(error);
      }
      await requireOwnerTeamMember(deps.userInfo, credentials, spec, config);
      const environmentRef = environmentEntityRef(spec);
      const log = (line: string) => ctx.logger.info(line);
      const scratchDir = resolve(ctx.workspacePath, 'enclave');
      if (ctx.isDryRun) {
        const result = await provisionEnvironment({
          spec,
          config,
          log,
          workDir: scratchDir,
          dryRun: true,
        });
        ctx.output('environmentRef', environmentRef);
        ctx.output('state', 'dry-run');
        ctx.output('guardrails', result.synthGuardrails);
        return;
      }
      const access = config.mode === 'apply' ? deps.apply : undefined;
      const op = await startProvisionOperation(
        ctx,
        registry,
        spec,
        users,
        config.operations.heartbeatSeconds,
        !!access,
      );
      const { accountId, region } = spec;
      try {
        const result = await provisionEnvironment({
          spec,
          config,
          log,
          logger: ctx.logger,
          signal: ctx.signal,
          workDir: access ? environmentWorkDir(config, spec) : scratchDir,
          checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
          onPhase: op.onPhase,
          onProgress: op.onProgress,
          apply: access && {
            env: await access.terraformEnv(accountId, region),
            clients: await access.awsClients(accountId, region),
            people: users,
            desktopTuning: desktopTuning(access.waits),
          },
        });
        const state = await op.succeed(result);
        const { planSummary, outputs, members } = result;
        ctx.output('environmentRef', environmentRef);
        ctx.output('environmentId', op.environmentId);
        ctx.output('state', state);
        ctx.output(
          'guardrails',
          result.planGuardrails ?? result.synthGuardrails,
        );
        if (planSummary) {
          const { add, change, destroy } = planSummary;
          ctx.output('planSummary', { add, change, destroy });
        }
        if (result.planJsonPath)
          ctx.output('planJsonPath', result.planJsonPath);
        if (outputs?.emrPrimaryDns)
          ctx.output('emrPrimaryDns', outputs.emrPrimaryDns);
        if (outputs?.registrationCode)
          ctx.output('registrationCode', outputs.registrationCode);
        if (members) ctx.output('workspaces', describeMembers(members));
      } catch (error) {
        await op.fail(error);
        throw error;
      }
    },
  });
}

/*
 * enclave:environment:provision — thin: validate, resolve people, hand over
 * to enclave-node's provisionEnvironment, record the result in the registry.
 */
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonArray } from '@backstage/types';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DataEnclaveConfig,
  EnclaveClient,
  EnvironmentMember,
  environmentEntityName,
  environmentResourcePrefix,
} from '@data-enclave/plugin-enclave-common';
import {
  buildEnvironmentSpec,
  EnclaveInputError,
  GuardrailViolationError,
  provisionEnvironment,
  ProvisionEnvironmentResult,
  toGuardrailReportJson,
  directoryAdminSecretName,
} from '@data-enclave/plugin-enclave-node';
import { resolve } from 'node:path';
import { CatalogUser } from '../services/catalogUsers';
import { startHeartbeat } from '../services/lifecycleOperation';
import { throttleLatest } from '../operations/throttleLatest';
import { provisionExamples } from './provision.examples';

export type EnvironmentRegistry = Pick<
  EnclaveClient,
  | 'findEnvironment'
  | 'createEnvironment'
  | 'updateEnvironment'
  | 'startOperation'
  | 'heartbeatOperation'
>;

/** Apply-mode hooks; absent in plan mode. */
export interface ApplyModeDeps {
  /** Credentials env for terraform in the environment's account. */
  terraformEnv(
    accountId: string,
    region: string,
  ): Promise<Record<string, string>>;
  /** The directory admin password an earlier attempt stored, if any. */
  existingDirectoryPassword(
    accountId: string,
    region: string,
    secretName: string,
  ): Promise<string | undefined>;
  /** Directory users + WorkSpaces after apply (see enclave-node/src/aws). */
  provisionDesktops(args: {
    accountId: string;
    region: string;
    environment: string;
    outputs: Record<string, unknown>;
    users: CatalogUser[];
    spec: ReturnType<typeof buildEnvironmentSpec>;
    logger: LoggerService;
    signal?: AbortSignal;
  }): Promise<EnvironmentMember[]>;
}

export interface ProvisionActionDeps {
  config: DataEnclaveConfig;
  registry: EnvironmentRegistry;
  resolveUsers(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogUser[]>;
  apply?: ApplyModeDeps;
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
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Environment name: lowercase letters, digits and -, 3–32 characters, starting with a letter',
            ),
        description: z =>
          z.string().optional().describe('What the environment is for'),
        owner: z =>
          z
            .string()
            .describe(
              'Owning team, a Group entity ref (group:default/data-science)',
            ),
        region: z =>
          z
            .string()
            .describe('AWS region; must be in dataEnclave.allowedRegions'),
        users: z =>
          z
            .array(z.string())
            .describe(
              'People who get a directory user and a WorkSpace (User entity refs)',
            ),
        clientCidrs: z =>
          z
            .array(z.string())
            .describe(
              'Public CIDRs allowed to reach the desktops (WorkSpaces IP access group)',
            ),
        emr: z =>
          z
            .object({
              instanceType: z.string().optional(),
              coreNodeCount: z.number().int().optional(),
            })
            .optional()
            .describe(
              'EMR instance type (default m5.xlarge) and core node count (default 2: 3 nodes in all)',
            ),
        workspaces: z =>
          z
            .object({
              bundleName: z.string().optional(),
              computeType: z.string().optional(),
              runningModeAutoStopTimeoutInMinutes: z.number().int().optional(),
            })
            .optional()
            .describe(
              'WorkSpaces bundle, compute type and AUTO_STOP timeout (minutes, a multiple of 60)',
            ),
      },
      output: {
        environmentRef: z =>
          z.string().describe('Catalog entity ref of the environment'),
        environmentId: z => z.string().optional().describe('Registry id'),
        state: z => z.string().describe('planned, ready or failed'),
        planSummary: z =>
          z
            .object({
              add: z.number(),
              change: z.number(),
              destroy: z.number(),
            })
            .optional()
            .describe('terraform plan counts'),
        guardrails: z =>
          z.any().describe('Guardrail report (plan level when planned)'),
        planJsonPath: z =>
          z.string().optional().describe('terraform show -json of the plan'),
        emrPrimaryDns: z => z.string().optional(),
        registrationCode: z => z.string().optional(),
        workspaces: z =>
          z
            .array(z.any())
            .optional()
            .describe('Per user: username, WorkSpace id, state'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const duplicates = input.users.filter(
        (u, i) => input.users.indexOf(u) !== i,
      );
      if (input.users.length === 0) {
        throw new InputError(
          'users: pick at least one person who needs a desktop',
        );
      }
      if (duplicates.length) {
        throw new InputError(
          `users: ${[...new Set(duplicates)].join(', ')} listed more than once`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const users = await deps.resolveUsers(input.users, credentials);
      const spec = asInputError(() =>
        buildEnvironmentSpec(
          {
            name: input.name,
            team: input.owner,
            region: input.region,
            clientCidrs: input.clientCidrs,
            users,
            emr: input.emr,
            workspaces: input.workspaces,
          },
          config,
        ),
      );
      const entityRef = `resource:default/${environmentEntityName(
        spec.team,
        spec.name,
      )}`;
      const applyMode = config.mode === 'apply' && deps.apply;
      const log = (line: string) => ctx.logger.info(line);

      if (ctx.isDryRun) {
        const result = await provisionEnvironment({
          spec,
          config,
          workDir: resolve(ctx.workspacePath, 'enclave'),
          dryRun: true,
          log,
        });
        ctx.output('environmentRef', entityRef);
        ctx.output('state', 'dry-run');
        ctx.output('guardrails', result.synthGuardrails);
        return;
      }

      const initiator = ctx.user?.ref ?? 'unknown';
      const environmentId = await ctx.checkpoint({
        key: `registry:${spec.team}:${spec.name}`,
        fn: async () => {
          const existing = await registry.findEnvironment(spec.team, spec.name);
          // Re-provisioning a planned or failed environment is the store's
          // compare-and-set (refused while another task holds it).
          const record = existing
            ? (
                await registry.startOperation(existing.id, {
                  kind: 'provision',
                  initiator,
                  taskId: ctx.task.id,
                  busyState: 'provisioning',
                  allowedStates: ['planned', 'failed'],
                  releaseState: 'failed',
                  change: {
                    spec: spec as unknown as Record<string, unknown>,
                    stackVersion: spec.stackVersion,
                  },
                })
              ).environment
            : await registry.createEnvironment({
                name: spec.name,
                team: spec.team,
                region: spec.region,
                accountId: spec.accountId,
                stackVersion: spec.stackVersion,
                spec: spec as unknown as Record<string, unknown>,
                state: 'provisioning',
                members: users.map(u => ({
                  entityRef: u.entityRef,
                  username: spec.users.find(s => s.entityRef === u.entityRef)!
                    .username,
                  email: u.email,
                })),
                initiator,
                taskId: ctx.task.id,
              });
          return record.id;
        },
      });

      const stopHeartbeat = startHeartbeat(
        registry,
        environmentId,
        ctx.task.id,
        config.operations.heartbeatSeconds,
        ctx.logger,
      );
      let result: ProvisionEnvironmentResult;
      const progress = throttleLatest(5000, (value: ProgressValue) => {
        registry
          .updateEnvironment(environmentId, { progress: value })
          .catch(() => {});
      });
      try {
        const workDir = applyMode
          ? resolve(
              config.terraform.workDir,
              environmentEntityName(spec.team, spec.name),
            )
          : resolve(ctx.workspacePath, 'enclave');
        result = await provisionEnvironment({
          spec,
          config,
          workDir,
          log,
          signal: ctx.signal,
          checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
          // Best effort: the card's live view must never fail the provisioning.
          onPhase: phase => {
            // A pending count belongs to the phase that just ended.
            progress.cancel();
            registry
              .updateEnvironment(environmentId, { phase, progress: null })
              .catch(() => {});
          },
          onProgress: progress,
          apply: applyMode
            ? {
                env: await deps.apply!.terraformEnv(
                  spec.accountId,
                  spec.region,
                ),
              }
            : undefined,
          // Retries and re-runs keep the directory's password (see directory.ts).
          directoryPassword: applyMode
            ? () =>
                deps.apply!.existingDirectoryPassword(
                  spec.accountId,
                  spec.region,
                  directoryAdminSecretName(environmentResourcePrefix(spec)),
                )
            : undefined,
        });
        let members: EnvironmentMember[] | undefined;
        if (applyMode && result.outputs) {
          // Checkpointed as JSON: a retried task does not ask AWS again.
          const saved = await ctx.checkpoint<JsonArray>({
            key: `desktops:${spec.name}`,
            fn: async () =>
              (await deps.apply!.provisionDesktops({
                accountId: spec.accountId,
                region: spec.region,
                environment: spec.name,
                outputs: result.outputs!,
                users,
                spec,
                logger: ctx.logger,
                signal: ctx.signal,
              })) as unknown as JsonArray,
          });
          members = saved as unknown as EnvironmentMember[];
        }
        progress.cancel();
        const state = result.mode === 'apply' ? 'ready' : 'planned';
        await registry.updateEnvironment(environmentId, {
          state,
          stateReason: result.reason ?? null,
          phase: null,
          guardrails: result.planGuardrails ?? result.synthGuardrails,
          planSummary: result.planSummary,
          outputs: result.outputs
            ? toRegistryOutputs(result.outputs)
            : undefined,
          members,
          operation: {
            kind: 'provision',
            initiator,
            taskId: ctx.task.id,
            result: 'succeeded',
          },
        });
        ctx.output('environmentRef', entityRef);
        ctx.output('environmentId', environmentId);
        ctx.output('state', state);
        ctx.output(
          'guardrails',
          result.planGuardrails ?? result.synthGuardrails,
        );
        if (result.planSummary) {
          const { add, change, destroy } = result.planSummary;
          ctx.output('planSummary', { add, change, destroy });
        }
        if (result.planJsonPath)
          ctx.output('planJsonPath', result.planJsonPath);
        if (result.outputs) {
          const outputs = toRegistryOutputs(result.outputs);
          if (outputs.emrPrimaryDns)
            ctx.output('emrPrimaryDns', outputs.emrPrimaryDns);
          if (outputs.registrationCode)
            ctx.output('registrationCode', outputs.registrationCode);
        }
        if (members) {
          ctx.output(
            'workspaces',
            members.map(m => ({
              user: m.entityRef,
              username: m.username,
              workspaceId: m.workspaceId,
              state: m.state,
              error: m.error,
            })),
          );
        }
      } catch (error) {
        progress.cancel();
        const message = (error as Error).message;
        await registry
          .updateEnvironment(environmentId, {
            state: 'failed',
            phase: null,
            lastError: message,
            // A refused stack shows which rule refused it on the card.
            guardrails:
              error instanceof GuardrailViolationError
                ? toGuardrailReportJson(error.report)
                : undefined,
            operation: {
              kind: 'provision',
              initiator,
              taskId: ctx.task.id,
              result: 'failed',
              error: message,
            },
          })
          .catch(e =>
            ctx.logger.warn(
              `could not record the failure in the registry: ${e}`,
            ),
          );
        throw error;
      } finally {
        stopHeartbeat();
      }
    },
  });
}

/** Maps the stack's snake_case outputs onto the registry's fields (ids only). */
export function toRegistryOutputs(outputs: Record<string, unknown>) {
  const str = (k: string) =>
    typeof outputs[k] === 'string' ? (outputs[k] as string) : undefined;
  const list = (k: string) =>
    Array.isArray(outputs[k]) ? (outputs[k] as string[]) : undefined;
  return {
    vpcId: str('vpc_id'),
    subnetIds: list('subnet_ids'),
    directoryId: str('directory_id'),
    directoryDnsIps: list('directory_dns_ip_addresses'),
    registrationCode: str('workspaces_registration_code'),
    emrClusterId: str('emr_cluster_id'),
    emrPrimaryDns: str('emr_primary_dns'),
    dataBucketName: str('data_bucket_name'),
    kmsKeyArn: str('kms_key_arn'),
    flowLogGroup: str('flow_log_group_name'),
  };
}

function asInputError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EnclaveInputError) throw new InputError(error.message);
    throw error;
  }
}

type ProgressValue = { done: number; total: number };

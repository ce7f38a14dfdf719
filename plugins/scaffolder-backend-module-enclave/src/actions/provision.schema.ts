/*
 * Input and output of enclave:environment:provision, as the template editor
 * and the actions list show them.
 */
import { ActionSchemaFields, planSummaryOutput, Zod } from './actionSchema';

export const provisionInput: ActionSchemaFields = {
  name: (z: Zod) =>
    z
      .string()
      .describe(
        'Environment name: lowercase letters, digits and -, 3–32 characters, starting with a letter',
      ),
  description: (z: Zod) =>
    z.string().optional().describe('What the environment is for'),
  owner: (z: Zod) =>
    z
      .string()
      .describe('Owning team, a Group entity ref (group:default/data-science)'),
  region: (z: Zod) =>
    z.string().describe('AWS region; must be in dataEnclave.allowedRegions'),
  users: (z: Zod) =>
    z
      .array(z.string())
      .describe(
        'People who get a directory user and a WorkSpace (User entity refs)',
      ),
  clientCidrs: (z: Zod) =>
    z
      .array(z.string())
      .describe(
        'Public CIDRs allowed to reach the desktops (WorkSpaces IP access group)',
      ),
  emr: (z: Zod) =>
    z
      .object({
        instanceType: z.string().optional(),
        coreNodeCount: z.number().int().optional(),
      })
      .optional()
      .describe(
        'EMR instance type (default m5.xlarge) and core node count (default 2: 3 nodes in all)',
      ),
  workspaces: (z: Zod) =>
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
};

export const provisionOutput: ActionSchemaFields = {
  environmentRef: (z: Zod) =>
    z.string().describe('Catalog entity ref of the environment'),
  environmentId: (z: Zod) => z.string().optional().describe('Registry id'),
  state: (z: Zod) => z.string().describe('planned, ready or failed'),
  planSummary: planSummaryOutput('terraform plan counts'),
  guardrails: (z: Zod) =>
    z.any().describe('Guardrail report (plan level when planned)'),
  planJsonPath: (z: Zod) =>
    z.string().optional().describe('terraform show -json of the plan'),
  emrPrimaryDns: (z: Zod) => z.string().optional(),
  registrationCode: (z: Zod) => z.string().optional(),
  workspaces: (z: Zod) =>
    z
      .array(z.any())
      .optional()
      .describe('Per user: username, WorkSpace id, state'),
};

/* Input and output of enclave:environment:upgrade, as the template editor and the actions list show them. */
import {
  ActionSchemaFields,
  environmentRefInput,
  planSummaryOutput,
  Zod,
} from './actionSchema';

export const upgradeInput: ActionSchemaFields = {
  environment: environmentRefInput,
  confirm: (z: Zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Apply even though the plan destroys or replaces resources (review the diff first)',
      ),
  approvedDestroys: (z: Zod) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'With confirm: the destroyed addresses shown by an earlier plan; a plan that destroys anything else is not applied',
      ),
};

export const upgradeOutput: ActionSchemaFields = {
  fromVersion: (z: Zod) => z.string().describe('Stack version before'),
  toVersion: (z: Zod) => z.string().describe('Stack version planned'),
  planSummary: planSummaryOutput(
    'The diff: counts and resource addresses by action',
    z => ({
      addresses: z
        .object({
          add: z.array(z.string()).optional(),
          change: z.array(z.string()).optional(),
          destroy: z.array(z.string()).optional(),
        })
        .optional(),
    }),
  ),
  applied: (z: Zod) => z.boolean().describe('Whether the plan was applied'),
  needsConfirmation: (z: Zod) =>
    z
      .boolean()
      .describe(
        'The plan destroys resources nobody has confirmed: run again with confirm',
      ),
  planOnly: (z: Zod) =>
    z.boolean().describe('True when nothing could be applied (plan mode)'),
  reason: (z: Zod) => z.string().optional().describe('Why nothing was applied'),
};

/* Input and output of enclave:environment:destroy, as the template editor and the actions list show them. */
import {
  ActionSchemaFields,
  planSummaryOutput,
  environmentRefInput,
  Zod,
} from './actionSchema';

export const destroyInput: ActionSchemaFields = {
  environment: environmentRefInput,
  confirmName: (z: Zod) =>
    z
      .string()
      .describe(
        "The environment's name, typed again to confirm (e.g. analytics)",
      ),
};

export const destroyOutput: ActionSchemaFields = {
  state: (z: Zod) =>
    z
      .string()
      .describe(
        'destroyed, or the unchanged state when plan mode could only plan',
      ),
  planOnly: (z: Zod) =>
    z.boolean().describe('True when nothing was done in AWS (plan mode)'),
  planSummary: planSummaryOutput(
    'Plan mode: the terraform plan -destroy counts',
  ),
  workspacesTerminated: (z: Zod) =>
    z.array(z.string()).optional().describe('WorkSpace ids terminated'),
  secretsDeleted: (z: Zod) =>
    z.array(z.string()).optional().describe('Secrets deleted'),
};

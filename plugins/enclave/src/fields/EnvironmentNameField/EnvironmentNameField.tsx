import {
  FieldExtensionComponentProps,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import { environmentNameConflict } from '@data-enclave/plugin-enclave-common';
import TextField from '@material-ui/core/TextField';
import { enclaveApiRef } from '../../api/enclaveApiRef';

/**
 * The environment's name. The template's `pattern` checks the slug; the
 * validation below asks the registry whether the owner team already has an
 * active environment by that name, so the person learns it on this step and
 * not when the task fails.
 */
export function EnvironmentNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    idSchema,
    uiSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={formData ?? ''}
      required={required}
      fullWidth
      margin="normal"
      error={(rawErrors?.length ?? 0) > 0}
      helperText={uiSchema?.['ui:help'] as string | undefined}
      onChange={e => onChange(e.target.value)}
      inputProps={{ 'data-testid': 'enclave-environment-name' }}
    />
  );
}

/**
 * Refuses a name the team already uses, with the provision action's message
 * (`environmentNameConflict`, shared). When the registry cannot be reached it
 * lets the step pass: the action checks again under the store's row lock.
 */
export const environmentNameValidation: CustomFieldValidator<string> = async (
  name,
  field,
  { apiHolder, formData },
) => {
  const team = typeof formData?.owner === 'string' ? formData.owner : '';
  const api = apiHolder.get(enclaveApiRef);
  if (!name || !team || !api) return;
  let existing;
  try {
    existing = await api.findEnvironment(team, name);
  } catch {
    return;
  }
  const problem = environmentNameConflict(team, name, existing);
  if (problem) field.addError(problem);
};

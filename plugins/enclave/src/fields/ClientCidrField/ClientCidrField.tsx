import {
  FieldExtensionComponentProps,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  clientCidrProblem,
  type ClientCidrOptions,
} from '@data-enclave/plugin-enclave-common';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/** The platform's relaxation, read from frontend-visible config. */
function optionsFrom(config: {
  getOptionalBoolean(key: string): boolean | undefined;
}): ClientCidrOptions {
  return {
    allowAnyClientCidr:
      config.getOptionalBoolean('dataEnclave.guardrails.allowAnyClientCidr') ??
      false,
  };
}

/**
 * One client CIDR (an item of `clientCidrs`). It shows the action's own
 * message (`clientCidrProblem` from enclave-common, the function the spec
 * schema calls) as soon as the person leaves the field, and the validation
 * below stops the step from advancing, so a CIDR the action would refuse
 * never reaches the task.
 */
export function ClientCidrField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const options = optionsFrom(useApi(configApiRef));
  const [touched, setTouched] = useState(false);
  const value = formData ?? '';
  const problem =
    touched && value.trim() ? clientCidrProblem(value, options) : undefined;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'CIDR'}
      value={value}
      required={required}
      fullWidth
      margin="dense"
      placeholder="203.0.113.0/24"
      error={Boolean(problem) || (rawErrors?.length ?? 0) > 0}
      helperText={problem}
      onChange={e => onChange(e.target.value.trim())}
      onBlur={() => setTouched(true)}
      inputProps={{ 'data-testid': 'enclave-client-cidr', spellCheck: false }}
    />
  );
}

/**
 * Runs on Next/Review. With `ui:field` on the array's items the scaffolder
 * passes the whole array (createAsyncValidators), so accept either shape.
 */
export const clientCidrValidation: CustomFieldValidator<string | string[]> = (
  data,
  field,
  { apiHolder },
) => {
  const config = apiHolder.get(configApiRef);
  const options = config ? optionsFrom(config) : {};
  const values = Array.isArray(data) ? data : [data];
  for (const value of values) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const problem = clientCidrProblem(value, options);
    if (problem) field.addError(problem);
  }
};

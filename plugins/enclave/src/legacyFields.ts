/*
 * The template's custom form fields for apps still on the old frontend
 * system. Such apps list them inside `<ScaffolderFieldExtensions>` under the
 * `/create` route; the new frontend system gets the same fields from the
 * FormFieldBlueprint extensions in `./fields/formFields` instead. The names
 * are the `ui:field` values of templates/data-science-environment.
 */
import {
  createScaffolderFieldExtension,
  type CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import { legacyEnclavePlugin } from './legacy';
import { RegionPicker } from './fields/RegionPicker/RegionPicker';
import { GuaranteesField } from './fields/GuaranteesField/GuaranteesField';
import { CostEstimateField } from './fields/CostEstimateField/CostEstimateField';
import {
  ClientCidrField,
  clientCidrValidation,
} from './fields/ClientCidrField/ClientCidrField';
import {
  EnvironmentNameField,
  environmentNameValidation,
} from './fields/EnvironmentNameField/EnvironmentNameField';

/**
 * `ui:field: EnclaveRegionPicker`: the regions allowed by `dataEnclave.allowedRegions`.
 *
 * @public
 */
export const EnclaveRegionPickerFieldExtension = legacyEnclavePlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnclaveRegionPicker',
    component: RegionPicker,
  }),
);

/**
 * `ui:field: EnclaveGuarantees`: the enforced guardrails, shown before Create.
 *
 * @public
 */
export const EnclaveGuaranteesFieldExtension = legacyEnclavePlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnclaveGuarantees',
    component: GuaranteesField,
  }),
);

/**
 * `ui:field: EnclaveCostEstimate`: the monthly estimate for the chosen sizes.
 *
 * @public
 */
export const EnclaveCostEstimateFieldExtension = legacyEnclavePlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnclaveCostEstimate',
    component: CostEstimateField,
  }),
);

/**
 * `ui:field: EnclaveClientCidr`: the desktop client CIDRs, validated as the backend does.
 *
 * @public
 */
export const EnclaveClientCidrFieldExtension = legacyEnclavePlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnclaveClientCidr',
    component: ClientCidrField,
    // The scaffolder hands an items-level validator the whole array, hence
    // the wider type (see clientCidrValidation).
    validation: clientCidrValidation as CustomFieldValidator<string>,
  }),
);

/**
 * `ui:field: EnclaveEnvironmentName`: the environment name, checked for clashes.
 *
 * @public
 */
export const EnclaveEnvironmentNameFieldExtension = legacyEnclavePlugin.provide(
  createScaffolderFieldExtension({
    name: 'EnclaveEnvironmentName',
    component: EnvironmentNameField,
    validation: environmentNameValidation,
  }),
);

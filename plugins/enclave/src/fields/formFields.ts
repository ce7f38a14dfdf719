import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/*
 * Scaffolder field extensions for the data-science-environment template. The
 * names are what the template's `ui:field` refers to.
 */

export const regionPickerFormField = FormFieldBlueprint.make({
  name: 'region-picker',
  params: {
    field: () =>
      import('./RegionPicker/RegionPicker').then(m =>
        createFormField({
          name: 'EnclaveRegionPicker',
          component: m.RegionPicker,
        }),
      ),
  },
});

export const costEstimateFormField = FormFieldBlueprint.make({
  name: 'cost-estimate',
  params: {
    field: () =>
      import('./CostEstimateField/CostEstimateField').then(m =>
        createFormField({
          name: 'EnclaveCostEstimate',
          component: m.CostEstimateField,
        }),
      ),
  },
});

export const guaranteesFormField = FormFieldBlueprint.make({
  name: 'guarantees',
  params: {
    field: () =>
      import('./GuaranteesField/GuaranteesField').then(m =>
        createFormField({
          name: 'EnclaveGuarantees',
          component: m.GuaranteesField,
        }),
      ),
  },
});

export const clientCidrFormField = FormFieldBlueprint.make({
  name: 'client-cidr',
  params: {
    field: () =>
      import('./ClientCidrField/ClientCidrField').then(m =>
        createFormField({
          name: 'EnclaveClientCidr',
          component: m.ClientCidrField,
          validation: m.clientCidrValidation,
        }),
      ),
  },
});

export const environmentNameFormField = FormFieldBlueprint.make({
  name: 'environment-name',
  params: {
    field: () =>
      import('./EnvironmentNameField/EnvironmentNameField').then(m =>
        createFormField({
          name: 'EnclaveEnvironmentName',
          component: m.EnvironmentNameField,
          validation: m.environmentNameValidation,
        }),
      ),
  },
});

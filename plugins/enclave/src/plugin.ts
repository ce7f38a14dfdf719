import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { enclaveApi } from './api/enclaveApi';
import { enclaveEntityCard } from './extensions/enclaveEntityCard';
import { enclavePage } from './extensions/enclavePage';
import {
  clientCidrFormField,
  costEstimateFormField,
  environmentNameFormField,
  guaranteesFormField,
  regionPickerFormField,
} from './fields/formFields';
import { rootRouteRef } from './routes';

/**
 * The Data Enclave frontend plugin (new frontend system). Its extensions are
 * listed here so that `app.packages: all` discovers them from the app's
 * dependencies: the API client, the entity card, the `/enclave` page and the
 * template's form fields.
 */
export const enclavePlugin = createFrontendPlugin({
  pluginId: 'enclave',
  routes: { root: rootRouteRef },
  extensions: [
    enclaveApi,
    enclaveEntityCard,
    enclavePage,
    regionPickerFormField,
    costEstimateFormField,
    guaranteesFormField,
    clientCidrFormField,
    environmentNameFormField,
  ],
});

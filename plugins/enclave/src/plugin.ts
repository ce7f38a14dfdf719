import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { enclaveApi } from './api/enclaveApi';
import { enclaveEntityCard } from './extensions/enclaveEntityCard';
import { enclavePage } from './extensions/enclavePage';
import { fleetPage } from './extensions/fleetPage';
import {
  clientCidrFormField,
  costEstimateFormField,
  environmentNameFormField,
  guaranteesFormField,
  regionPickerFormField,
} from './fields/formFields';
import { fleetRouteRef, rootRouteRef } from './routes';

/**
 * The Data Enclave frontend plugin (new frontend system). Its extensions are
 * listed here so that `app.packages: all` discovers them from the app's
 * dependencies: the API client, the entity card, the `/enclave` and
 * `/enclave/fleet` pages and the template's form fields.
 */
export const enclavePlugin = createFrontendPlugin({
  pluginId: 'enclave',
  routes: { root: rootRouteRef, fleet: fleetRouteRef },
  extensions: [
    enclaveApi,
    enclaveEntityCard,
    enclavePage,
    fleetPage,
    regionPickerFormField,
    costEstimateFormField,
    guaranteesFormField,
    clientCidrFormField,
    environmentNameFormField,
  ],
});

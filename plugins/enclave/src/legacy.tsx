/*
 * The same card and page for apps still on the old frontend system: a legacy
 * plugin that registers the API client, plus component extensions.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EnclaveClient } from '@data-enclave/plugin-enclave-common';
import { enclaveApiRef } from './api';
import { fleetRouteRef, rootRouteRef } from './routes';

export const legacyEnclavePlugin = createPlugin({
  id: 'enclave',
  apis: [
    createApiFactory({
      api: enclaveApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnclaveClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    fleet: convertLegacyRouteRef(fleetRouteRef),
  },
});

/** Use inside `EntitySwitch.Case if={isEnclaveEnvironment}` on a Resource page. */
export const EntityEnclaveCard = legacyEnclavePlugin.provide(
  createComponentExtension({
    name: 'EntityEnclaveCard',
    component: {
      lazy: () =>
        import('./components/EnclaveCard/EnclaveCard').then(m => m.EnclaveCard),
    },
  }),
);

export const EnclaveEnvironmentsPage = legacyEnclavePlugin.provide(
  createRoutableExtension({
    name: 'EnclaveEnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsPage/EnvironmentsPage').then(
        m => m.EnvironmentsPage,
      ),
    mountPoint: convertLegacyRouteRef(rootRouteRef),
  }),
);

/** Mount at `/enclave/fleet`: the admins' Fleet view (the backend refuses others). */
export const EnclaveFleetPage = legacyEnclavePlugin.provide(
  createRoutableExtension({
    name: 'EnclaveFleetPage',
    component: () =>
      import('./components/FleetPage/FleetPage').then(m => m.FleetPage),
    mountPoint: convertLegacyRouteRef(fleetRouteRef),
  }),
);

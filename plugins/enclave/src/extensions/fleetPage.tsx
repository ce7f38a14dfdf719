import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { fleetRouteRef } from '../routes';

/** Beside the environments page; the backend lets only admins read it. */
export const fleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/enclave/fleet',
    title: 'Data Enclave fleet',
    routeRef: fleetRouteRef,
    loader: () =>
      import('../components/FleetPage/FleetPage').then(m => <m.FleetPage />),
  },
});

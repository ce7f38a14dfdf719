import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';

export const enclavePage = PageBlueprint.make({
  params: {
    path: '/enclave',
    title: 'Data Enclave',
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/EnvironmentsPage/EnvironmentsPage').then(m => (
        <m.EnvironmentsPage />
      )),
  },
});

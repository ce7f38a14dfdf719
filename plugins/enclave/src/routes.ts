import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The `/enclave` page listing the environments the signed-in person can see. */
export const rootRouteRef = createRouteRef();

/** The `/enclave/fleet` page: every environment against the stack version (admins). */
export const fleetRouteRef = createRouteRef();

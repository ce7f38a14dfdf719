import { createBackend } from '@backstage/backend-defaults';
import { enclavePermissionPolicyModule } from '@data-enclave/plugin-enclave-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth: GitHub sign-in (app-config.production.yaml), resolved to catalog
// users. Guest sign-in is for the embedded/plan-mode default only: the module
// is not even loaded in a production build.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
}

// Catalog: users, groups, templates, and the enclave entity provider.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Data Enclave environments as Resource entities (from the enclave API).
backend.add(import('@data-enclave/plugin-catalog-backend-module-enclave'));

// Scaffolder with the Data Enclave actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@data-enclave/plugin-scaffolder-backend-module-enclave'));

// Signals (live updates to the frontend; user settings depend on it).
backend.add(import('@backstage/plugin-signals-backend'));

// Permissions.
backend.add(import('@backstage/plugin-permission-backend'));
// Owners and dataEnclave.adminGroup may read/manage environments; everything
// else is allowed (see plugins/enclave-backend/README.md).
backend.add(enclavePermissionPolicyModule);

// Data Enclave registry, status API and entity provider.
backend.add(import('@data-enclave/plugin-enclave-backend'));

backend.start();

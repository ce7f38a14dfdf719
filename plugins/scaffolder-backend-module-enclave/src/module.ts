import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderAutocompleteExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createProvisionAction } from './actions/provision';
import { createEnclaveAutocompleteHandler } from './autocomplete/regions';
import { applyModeFromCredentialsManager } from './services/applyMode';
import { resolveCatalogUsers } from './services/catalogUsers';
import { createServiceEnclaveClient } from './services/registry';

/** Wiring only: reads config and registers the Data Enclave actions. */
export const scaffolderModuleEnclave = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        scaffolder: scaffolderActionsExtensionPoint,
        autocomplete: scaffolderAutocompleteExtensionPoint,
      },
      async init({
        config,
        auth,
        discovery,
        catalog,
        scaffolder,
        autocomplete,
      }) {
        const enclaveConfig = parseDataEnclaveConfig(
          config.getOptional('dataEnclave') ?? {},
        );
        autocomplete.addAutocompleteProvider({
          id: 'enclave',
          handler: createEnclaveAutocompleteHandler(enclaveConfig),
        });
        const registry = createServiceEnclaveClient({ auth, discovery });
        scaffolder.addActions(
          createProvisionAction({
            config: enclaveConfig,
            registry,
            resolveUsers: (refs, credentials) =>
              resolveCatalogUsers(catalog, refs, credentials),
            apply:
              enclaveConfig.mode === 'apply'
                ? applyModeFromCredentialsManager(
                    DefaultAwsCredentialsManager.fromConfig(config),
                  )
                : undefined,
          }),
        );
      },
    });
  },
});

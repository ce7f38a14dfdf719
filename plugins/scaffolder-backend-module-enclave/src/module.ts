import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderAutocompleteExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { createEnclaveAutocompleteHandler } from './autocomplete/regions';

/** Wiring only: reads config and registers the Data Enclave actions. */
export const scaffolderModuleEnclave = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scaffolder: scaffolderActionsExtensionPoint,
        autocomplete: scaffolderAutocompleteExtensionPoint,
      },
      async init({ config, scaffolder, autocomplete }) {
        const enclaveConfig = parseDataEnclaveConfig(
          config.getOptional('dataEnclave') ?? {},
        );
        autocomplete.addAutocompleteProvider({
          id: 'enclave',
          handler: createEnclaveAutocompleteHandler(enclaveConfig),
        });
        scaffolder.addActions();
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';

/** Wiring only: reads config and registers the Data Enclave actions. */
export const scaffolderModuleEnclave = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ config, scaffolder }) {
        parseDataEnclaveConfig(config.getOptional('dataEnclave') ?? {});
        scaffolder.addActions();
      },
    });
  },
});

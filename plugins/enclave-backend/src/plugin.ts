import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readEnclaveConfig } from './config/readEnclaveConfig';
import { createRouter } from './router/createRouter';

/** The Data Enclave backend: registry, status API, permissions. */
export const enclavePlugin = createBackendPlugin({
  pluginId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const enclaveConfig = readEnclaveConfig(config);
        logger.info(
          `Data Enclave in ${enclaveConfig.mode} mode; regions ${enclaveConfig.allowedRegions.join(', ')}`,
        );
        httpRouter.use(await createRouter({ config: enclaveConfig }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

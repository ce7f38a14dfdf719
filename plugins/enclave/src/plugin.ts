import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/**
 * The Data Enclave frontend plugin (new frontend system). Its extensions (the
 * entity card, API client) are listed here so that `app.packages: all`
 * discovers them from the app's dependencies.
 */
export const enclavePlugin = createFrontendPlugin({
  pluginId: 'enclave',
  extensions: [],
});

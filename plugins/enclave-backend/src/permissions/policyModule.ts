import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { EnclavePermissionPolicy } from './EnclavePermissionPolicy';

/**
 * Installs {@link EnclavePermissionPolicy} in the permission backend, in place
 * of the allow-all policy module:
 * `backend.add(enclavePermissionPolicyModule)`.
 */
export const enclavePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'enclave-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        policy.setPolicy(
          new EnclavePermissionPolicy(userInfo, {
            adminGroup: config.getOptionalString('dataEnclave.adminGroup'),
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderAutocompleteExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  assertDurableStateBackend,
  createServiceEnclaveClient,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import {
  failRunningOperations,
  handOverToRecoveredTasks,
  interruptAllTerraform,
  sweepPrivateRunDirs,
} from '@data-enclave/plugin-enclave-node';
import { createDestroyAction } from './actions/destroy';
import { createProvisionAction } from './actions/provision';
import { createUpgradeAction } from './actions/upgrade';
import { createUsersAddAction } from './actions/usersAdd';
import { createUsersRemoveAction } from './actions/usersRemove';
import { createEnclaveAutocompleteHandler } from './autocomplete/regions';
import { awsAccessFromCredentialsManager } from './aws/awsAccess';
import { resolveCatalogUsers } from './catalog/catalogUsers';
import { findEnvironmentId } from './catalog/environmentRef';
import { LifecycleActionDeps } from './operations/lifecycleOperation';
import { recoveredTasksTakeOver } from './operations/taskRecovery';

/** SIGINT → SIGKILL at shutdown; below Kubernetes' default 30 s grace period. */
const TERRAFORM_SHUTDOWN_GRACE_MS = 20_000;

/** Wiring only: reads config and registers the Data Enclave actions. */
export const scaffolderModuleEnclave = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        pluginLifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        scaffolder: scaffolderActionsExtensionPoint,
        autocomplete: scaffolderAutocompleteExtensionPoint,
      },
      async init({
        config,
        auth,
        userInfo,
        discovery,
        permissions,
        logger,
        pluginLifecycle,
        catalog,
        scaffolder,
        autocomplete,
      }) {
        const enclaveConfig = parseDataEnclaveConfig(
          config.getOptional('dataEnclave') ?? {},
        );
        assertDurableStateBackend(enclaveConfig);
        // Plan files of runs that died with an earlier process hold the
        // directory password: interrupt what those runs left and delete them.
        const swept = await sweepPrivateRunDirs();
        if (swept.removed.length || swept.interrupted.length) {
          logger.info(
            `Removed ${swept.removed.length} terraform run dir(s) and interrupted ${swept.interrupted.length} process(es) left by a previous backend`,
          );
        }
        const registry = createServiceEnclaveClient({ auth, discovery });
        // A shutdown (SIGTERM, rolling restart) interrupts terraform so it
        // saves state and releases its lock before the process exits, then
        // closes this process's operations as failed so their environments
        // are free at once, unless a recovered task will resume them.
        const recovery = recoveredTasksTakeOver(config);
        pluginLifecycle.addShutdownHook(async () => {
          if (recovery) handOverToRecoveredTasks();
          await interruptAllTerraform(TERRAFORM_SHUTDOWN_GRACE_MS);
          if (recovery) {
            logger.info(
              'Shutting down with scaffolder task recovery on: running enclave operations are left to the recovered tasks',
            );
            return;
          }
          await failRunningOperations({
            fallback: (environmentId, taskId, reason) =>
              registry.finishOperation(environmentId, {
                taskId,
                result: 'failed',
                error: reason,
                change: { phase: null, lastError: reason },
              }),
            logger,
          });
        });
        autocomplete.addAutocompleteProvider({
          id: 'enclave',
          handler: createEnclaveAutocompleteHandler(enclaveConfig),
        });
        const resolveUsers: LifecycleActionDeps['resolveUsers'] = (
          refs,
          credentials,
        ) => resolveCatalogUsers(catalog, refs, credentials);
        const apply =
          enclaveConfig.mode === 'apply'
            ? awsAccessFromCredentialsManager(
                DefaultAwsCredentialsManager.fromConfig(config),
              )
            : undefined;
        const lifecycle: LifecycleActionDeps = {
          config: enclaveConfig,
          registry,
          permissions,
          findEnvironmentId: (ref, credentials) =>
            findEnvironmentId(catalog, ref, credentials),
          resolveUsers,
          apply,
        };
        scaffolder.addActions(
          createProvisionAction({
            config: enclaveConfig,
            registry,
            resolveUsers,
            userInfo,
            apply,
          }),
          createUsersAddAction(lifecycle),
          createUsersRemoveAction(lifecycle),
          createUpgradeAction(lifecycle),
          createDestroyAction(lifecycle),
        );
      },
    });
  },
});

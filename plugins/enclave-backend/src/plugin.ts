import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  enclaveFleetManagePermission,
  enclavePermissions,
} from '@data-enclave/plugin-enclave-common';
import { setLocalOperationCloser } from '@data-enclave/plugin-enclave-node';
import { readEnclaveConfig } from './config/readEnclaveConfig';
import { readDriftSchedule, scheduleDriftChecks } from './drift/driftSchedule';
import { driftTerraformEnv } from './drift/driftTerraformEnv';
import { EnvironmentStore } from './database/EnvironmentStore';
import { applyDatabaseMigrations } from './database/migrations';
import { FleetRunService } from './fleet/FleetRunService';
import { FleetRunStore } from './fleet/FleetRunStore';
import { FleetStatusService } from './fleet/FleetStatusService';
import { FleetWorker } from './fleet/FleetWorker';
import { scheduleFleetWorker } from './fleet/scheduleFleetWorker';
import { EnvironmentAuthorizer } from './permissions/EnvironmentAuthorizer';
import { FleetAuthorizer } from './permissions/FleetAuthorizer';
import {
  createIsAdminRule,
  environmentPermissionResourceRef,
  isOwnerTeam,
} from './permissions/rules';
import { driftTaskLookup } from './reconciler/driftTaskLookup';
import { fleetTaskLookup } from './reconciler/fleetTaskLookup';
import { scaffolderTaskLookup } from './reconciler/scaffolderTaskLookup';
import { scheduleReconciler } from './reconciler/scheduleReconciler';
import { createRouter } from './router/createRouter';
import { createAwsClientsFactory } from './service/awsClients';
import { createAwsStatusFetcher } from './service/awsStatusFetcher';
import { CredentialService } from './service/CredentialService';
import { EnvironmentRegistry } from './service/EnvironmentRegistry';
import { fleetRegistryFor } from './service/fleetRegistry';
import { SparkService } from './service/SparkService';
import { StatusService } from './service/StatusService';

/** The Data Enclave backend: registry, status API, permissions. */
export const enclavePlugin = createBackendPlugin({
  pluginId: 'enclave',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        database: coreServices.database,
        cache: coreServices.cache,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        database,
        cache,
        permissions,
        permissionsRegistry,
        scheduler,
        auth,
        discovery,
        userInfo,
        lifecycle,
        events,
      }) {
        const enclaveConfig = readEnclaveConfig(config);
        logger.info(
          `Data Enclave in ${
            enclaveConfig.mode
          } mode; regions ${enclaveConfig.allowedRegions.join(', ')}`,
        );

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }
        const store = new EnvironmentStore(knex);
        const registry = new EnvironmentRegistry(store, events, logger);
        // A shutdown closes the operations this process's tasks run through
        // the store itself: the HTTP API answers 503 by then, the database
        // is open until after the plugin shutdown hooks (enclave-node
        // runningOperations). The store, not the registry: the events
        // service is shutting down too, and the catalog catches up at start.
        setLocalOperationCloser((environmentId, taskId, reason) =>
          store.finishOperation(environmentId, {
            taskId,
            result: 'failed',
            error: reason,
            change: { phase: null, lastError: reason },
          }),
        );

        // Registered so that conditional decisions also work for other
        // plugins (e.g. an action asking for manage on a resourceRef).
        permissionsRegistry.addResourceType({
          resourceRef: environmentPermissionResourceRef,
          permissions: enclavePermissions,
          rules: [isOwnerTeam, createIsAdminRule(enclaveConfig.adminGroup)],
          getResources: ids => registry.getMany(ids),
        });
        permissionsRegistry.addPermissions([enclaveFleetManagePermission]);
        const authorizer = new EnvironmentAuthorizer(
          permissions,
          permissionsRegistry.getPermissionRuleset(
            environmentPermissionResourceRef,
          ),
        );

        const awsClients = createAwsClientsFactory(config);
        const status = new StatusService({
          cache,
          ttlSeconds: enclaveConfig.status.cacheTtlSeconds,
          fetcher: createAwsStatusFetcher(
            awsClients,
            enclaveConfig.workspaces.approvedBundles,
          ),
          logger,
        });
        const credentials = new CredentialService(
          store,
          async environment => (await awsClients(environment)).secretsManager,
          logger,
        );

        const terraformEnv =
          enclaveConfig.mode === 'apply'
            ? driftTerraformEnv(config)
            : undefined;

        // Fleet runs: queued by the admins' routes, executed by the worker in
        // whichever replica claims them, outside any request.
        const fleetRuns = new FleetRunStore(knex);
        const fleetWorker = new FleetWorker({
          store: fleetRuns,
          registry: fleetRegistryFor(registry),
          config: enclaveConfig,
          terraformEnv: terraformEnv
            ? environment =>
                terraformEnv(environment.accountId, environment.region)
            : undefined,
          logger,
        });
        const fleetSchedule = await scheduleFleetWorker({
          worker: fleetWorker,
          scheduler,
          lifecycle,
          logger,
        });

        httpRouter.use(
          await createRouter({
            config: enclaveConfig,
            httpAuth,
            registry,
            authorizer,
            status,
            credentials,
            spark: new SparkService({
              config: enclaveConfig,
              awsClients,
              logger,
            }),
            fleet: {
              authorizer: new FleetAuthorizer({
                httpAuth,
                userInfo,
                permissions,
                adminGroup: enclaveConfig.adminGroup,
              }),
              status: new FleetStatusService({
                config: enclaveConfig,
                registry,
                runs: fleetRuns,
              }),
              runs: new FleetRunService({
                config: enclaveConfig,
                runs: fleetRuns,
                wake: fleetSchedule.trigger,
              }),
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        // No environment stays busy after its task died (see the reconciler).
        // Fleet runs hold environments under `fleet:<runId>`: the fleet run
        // store, not the scaffolder, says whether such a holder lives; drift
        // rounds hold them under `drift:<roundId>`, judged by heartbeat alone.
        await scheduleReconciler({
          config: enclaveConfig,
          registry,
          scheduler,
          auth,
          discovery,
          logger,
          tasks: driftTaskLookup({
            others: fleetTaskLookup({
              runs: fleetRuns,
              staleAfterSeconds: enclaveConfig.operations.staleAfterSeconds,
              others: scaffolderTaskLookup({ auth, discovery }),
            }),
          }),
        });
        await scheduleDriftChecks({
          config: enclaveConfig,
          schedule: readDriftSchedule(config),
          registry,
          terraformEnv,
          // A fleet run owns the fleet's terraform while it runs: drift
          // checks step aside rather than hold environments it is about to
          // plan or roll out.
          fleetActive: async () => (await fleetRuns.listActive()).length > 0,
          scheduler,
          logger,
        });
      },
    });
  },
});

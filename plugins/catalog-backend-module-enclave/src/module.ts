import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  createServiceEnclaveClient,
  ENCLAVE_ENVIRONMENT_CHANGED_TOPIC,
  EnvironmentChangedEvent,
} from '@data-enclave/plugin-enclave-common';
import { EnclaveEntityProvider } from './EnclaveEntityProvider';
import { readStackSourceUrl } from './environmentToEntity';

const SCHEDULE_KEY = 'catalog.providers.dataEnclave.schedule';
const SOURCE_KEY = 'catalog.providers.dataEnclave.stackSourceUrl';

/** Events keep entities current; this full refresh only repairs missed ones. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 15 },
};

/** Catalog module: Data Enclave environments as Resource entities. */
export const catalogModuleEnclave = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'enclave-environments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        events,
      }) {
        const client = createServiceEnclaveClient({ auth, discovery });
        const provider = new EnclaveEntityProvider(client, logger, {
          stackSourceUrl: readStackSourceUrl(
            config.getOptionalString(SOURCE_KEY),
          ),
        });
        catalog.addEntityProvider(provider);

        const schedule = config.has(SCHEDULE_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_KEY),
            )
          : DEFAULT_SCHEDULE;
        await scheduler.scheduleTask({
          id: 'enclave-environments:refresh',
          ...schedule,
          fn: () => provider.refresh(),
        });

        await events.subscribe({
          id: 'catalog-enclave-environments',
          topics: [ENCLAVE_ENVIRONMENT_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) => {
            await provider.applyChange(eventPayload as EnvironmentChangedEvent);
          },
        });
      },
    });
  },
});

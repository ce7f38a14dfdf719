import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Data Enclave environments entity provider. */
      dataEnclave?: {
        /**
         * Full refresh schedule (safety net; changes arrive as events).
         * Default: every 10 minutes, 15 s after startup.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}

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
        /**
         * Where the code of a stack version can be read, with `{stackVersion}`
         * in it, e.g.
         * `https://github.com/acme/data-enclave/tree/v{stackVersion}/plugins/enclave-node/src/stack`.
         * Each environment entity then gets `backstage.io/source-location`, so
         * the About card's "View Source" opens the stack the environment runs.
         * Default: unset, no source location (entities come from the registry,
         * not from files; hide the dead link as in the README).
         * @visibility backend
         */
        stackSourceUrl?: string;
      };
    };
  };
}

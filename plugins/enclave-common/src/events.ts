/**
 * Events the enclave backend publishes on Backstage's events service
 * (`@backstage/plugin-events-node`). The catalog module subscribes to keep the
 * environment entities in step with the registry without polling.
 */
export const ENCLAVE_ENVIRONMENT_CHANGED_TOPIC = 'enclave.environment.changed';

export interface EnvironmentChangedEvent {
  environmentId: string;
  /** Owner group ref. */
  team: string;
  name: string;
  state: string;
}

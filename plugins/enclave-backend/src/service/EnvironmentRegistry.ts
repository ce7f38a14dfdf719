import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ENCLAVE_ENVIRONMENT_CHANGED_TOPIC,
  EnvironmentChangedEvent,
  EnvironmentRecord,
  OperationRecord,
  StartOperationResponse,
} from '@data-enclave/plugin-enclave-common';
import {
  CreateEnvironmentInput,
  EnvironmentStore,
  FinishOperationInput,
  InFlightOperation,
  ListEnvironmentsFilter,
  StartOperationInput,
  UpdateEnvironmentInput,
} from '../database/EnvironmentStore';

/**
 * The store plus change notification: every write publishes
 * `enclave.environment.changed` so the catalog entity provider can update the
 * environment's entity at once (it re-reads the record through the API).
 */
export class EnvironmentRegistry {
  constructor(
    private readonly store: EnvironmentStore,
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  list(filter?: ListEnvironmentsFilter): Promise<EnvironmentRecord[]> {
    return this.store.list(filter);
  }

  get(id: string): Promise<EnvironmentRecord> {
    return this.store.get(id);
  }

  getMany(ids: string[]): Promise<Array<EnvironmentRecord | undefined>> {
    return this.store.getMany(ids);
  }

  findByName(
    team: string,
    name: string,
  ): Promise<EnvironmentRecord | undefined> {
    return this.store.findByName(team, name);
  }

  listOperations(id: string): Promise<OperationRecord[]> {
    return this.store.listOperations(id);
  }

  async create(input: CreateEnvironmentInput): Promise<EnvironmentRecord> {
    const created = await this.store.create(input);
    await this.publish(created);
    return created;
  }

  async update(
    id: string,
    change: UpdateEnvironmentInput,
  ): Promise<EnvironmentRecord> {
    const updated = await this.store.update(id, change);
    await this.publish(updated);
    return updated;
  }

  async startOperation(
    id: string,
    input: StartOperationInput,
  ): Promise<StartOperationResponse> {
    const started = await this.store.startOperation(id, input);
    if (!started.resumed) await this.publish(started.environment);
    return started;
  }

  heartbeat(id: string, taskId: string): Promise<void> {
    return this.store.heartbeat(id, taskId);
  }

  async finishOperation(
    id: string,
    input: FinishOperationInput,
  ): Promise<EnvironmentRecord> {
    const finished = await this.store.finishOperation(id, input);
    await this.publish(finished);
    return finished;
  }

  listInFlight(): Promise<InFlightOperation[]> {
    return this.store.listInFlight();
  }

  /** The reconciler's release (see EnvironmentStore.releaseOperation). */
  async releaseOperation(
    id: string,
    operationId: string | undefined,
    reason: string,
  ): Promise<boolean> {
    const released = await this.store.releaseOperation(id, operationId, reason);
    if (released) await this.publish(await this.store.get(id));
    return released;
  }

  private async publish(environment: EnvironmentRecord): Promise<void> {
    const payload: EnvironmentChangedEvent = {
      environmentId: environment.id,
      team: environment.team,
      name: environment.name,
      state: environment.state,
    };
    try {
      await this.events.publish({
        topic: ENCLAVE_ENVIRONMENT_CHANGED_TOPIC,
        eventPayload: payload,
      });
    } catch (error) {
      // The write is committed; the catalog's scheduled full refresh will
      // catch up, so a lost event must not fail the caller.
      this.logger.warn(
        `Could not publish ${ENCLAVE_ENVIRONMENT_CHANGED_TOPIC} for ${environment.id}: ${error}`,
      );
    }
  }
}

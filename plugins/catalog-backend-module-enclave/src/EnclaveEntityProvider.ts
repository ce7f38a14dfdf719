import { LoggerService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  EnclaveClient,
  environmentEntityRef,
  EnvironmentChangedEvent,
} from '@data-enclave/plugin-enclave-common';
import {
  EnvironmentEntityOptions,
  environmentLocation,
  environmentToEntity,
} from './environmentToEntity';

const PROVIDER_NAME = 'enclave-environments';

/**
 * Emits one Resource per live registry environment. It reads the registry
 * through the enclave API (service auth), never the enclave database, so the
 * two plugins can be deployed apart.
 *
 * Two paths: `refresh()` replaces the whole set (scheduled safety net) and
 * `applyChange()` patches one entity when the enclave plugin publishes
 * `enclave.environment.changed`. A destroyed environment's entity is removed.
 */
export class EnclaveEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly client: EnclaveClient,
    private readonly logger: LoggerService,
    private readonly options: EnvironmentEntityOptions = {},
  ) {}

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<void> {
    const connection = this.requireConnection();
    const environments = await this.client.listEnvironments();
    await connection.applyMutation({
      type: 'full',
      entities: environments
        .filter(env => env.state !== 'destroyed')
        .map(env => this.deferred(env)),
    });
    this.logger.info(
      `Refreshed ${environments.length} Data Enclave environment entities`,
    );
  }

  async applyChange(change: EnvironmentChangedEvent): Promise<void> {
    const connection = this.requireConnection();
    let environment;
    try {
      environment = await this.client.getEnvironment(change.environmentId);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        // Gone from the registry altogether; the next full refresh drops it.
        return;
      }
      throw error;
    }
    if (environment.state === 'destroyed') {
      await connection.applyMutation({
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: environmentEntityRef(environment),
            locationKey: environmentLocation(environment),
          },
        ],
      });
      return;
    }
    await connection.applyMutation({
      type: 'delta',
      added: [this.deferred(environment)],
      removed: [],
    });
  }

  private deferred(
    environment: Parameters<typeof environmentToEntity>[0],
  ): DeferredEntity {
    return {
      entity: environmentToEntity(environment, this.options),
      // One location key per environment: a full refresh and a delta agree on
      // who owns the entity, and a same-named successor can take over after
      // destroy.
      locationKey: environmentLocation(environment),
    };
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected to the catalog yet`);
    }
    return this.connection;
  }
}

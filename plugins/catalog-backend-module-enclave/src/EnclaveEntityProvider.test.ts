import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  EnclaveClient,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import { EnclaveEntityProvider } from './EnclaveEntityProvider';

function environment(
  name: string,
  state: EnvironmentRecord['state'] = 'ready',
): EnvironmentRecord {
  return {
    id: `id-${name}`,
    name,
    team: 'group:default/data-science',
    region: 'us-east-1',
    accountId: '123456789012',
    state,
    stackVersion: '1.0.0',
    spec: {},
    outputs: {},
    members: [{ entityRef: 'user:default/alice', username: 'alice' }],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('EnclaveEntityProvider', () => {
  const client = {
    listEnvironments: jest.fn(),
    getEnvironment: jest.fn(),
  };
  const connection = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  } as jest.Mocked<EntityProviderConnection>;
  let provider: EnclaveEntityProvider;

  beforeEach(async () => {
    jest.resetAllMocks();
    provider = new EnclaveEntityProvider(
      client as unknown as EnclaveClient,
      mockServices.logger.mock(),
    );
    await provider.connect(connection);
  });

  it('replaces the full set of live environments on refresh', async () => {
    client.listEnvironments.mockResolvedValue([
      environment('analytics'),
      environment('old', 'destroyed'),
    ]);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          locationKey: 'enclave:registry/environments/id-analytics',
          entity: expect.objectContaining({
            kind: 'Resource',
            metadata: expect.objectContaining({
              name: 'data-science-analytics',
            }),
          }),
        }),
      ],
    });
  });

  it('adds a changed environment and removes a destroyed one', async () => {
    client.getEnvironment.mockResolvedValueOnce(environment('analytics'));
    await provider.applyChange({
      environmentId: 'id-analytics',
      team: 'group:default/data-science',
      name: 'analytics',
      state: 'ready',
    });
    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'delta',
      added: [
        expect.objectContaining({
          locationKey: 'enclave:registry/environments/id-analytics',
        }),
      ],
      removed: [],
    });

    client.getEnvironment.mockResolvedValueOnce(
      environment('analytics', 'destroyed'),
    );
    await provider.applyChange({
      environmentId: 'id-analytics',
      team: 'group:default/data-science',
      name: 'analytics',
      state: 'destroyed',
    });
    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'resource:default/data-science-analytics',
          locationKey: 'enclave:registry/environments/id-analytics',
        },
      ],
    });
  });

  it('ignores a change for an environment that no longer exists', async () => {
    client.getEnvironment.mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({ error: { name: 'NotFoundError', message: 'gone' } }),
          {
            status: 404,
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      ),
    );
    await provider.applyChange({
      environmentId: 'gone',
      team: 'group:default/data-science',
      name: 'gone',
      state: 'ready',
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('re-emits the entity on every change, so its About text follows the registry state', async () => {
    const provisioning = environment('analytics', 'provisioning');
    const planned = {
      ...environment('analytics', 'planned'),
      stateReason: 'plan mode: no AWS credentials',
    };
    const emitted = () =>
      connection.applyMutation.mock.lastCall![0] as {
        added: Array<{ entity: { metadata: Record<string, any> } }>;
      };
    for (const [record, text] of [
      [provisioning, 'State: provisioning.'],
      [planned, 'State: planned (plan mode: no AWS credentials).'],
    ] as const) {
      client.getEnvironment.mockResolvedValueOnce(record);
      await provider.applyChange({
        environmentId: record.id,
        team: record.team,
        name: record.name,
        state: record.state,
      });
      const { metadata } = emitted().added[0].entity;
      expect(metadata.description).toContain(text);
      expect(metadata.annotations['data-enclave.io/state']).toBe(record.state);
    }
  });

  it('passes the configured stack source to every entity', async () => {
    const withSource = new EnclaveEntityProvider(
      client as unknown as EnclaveClient,
      mockServices.logger.mock(),
      { stackSourceUrl: 'https://git.example.com/enclave/tree/{stackVersion}' },
    );
    await withSource.connect(connection);
    client.listEnvironments.mockResolvedValue([environment('analytics')]);
    await withSource.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({
              annotations: expect.objectContaining({
                'backstage.io/source-location':
                  'url:https://git.example.com/enclave/tree/1.0.0',
              }),
            }),
          }),
        }),
      ],
    });
  });
});

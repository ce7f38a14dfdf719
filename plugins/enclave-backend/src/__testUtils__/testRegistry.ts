import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  CreateEnvironmentRequest,
  createEnvironmentRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';

type DatabaseId = Parameters<TestDatabases['init']>[0];

/**
 * A migrated test database with the real store and registry on it; events go
 * to a jest stand-in (the catalog is not part of these tests).
 */
export async function createTestRegistry(
  databases: TestDatabases,
  id: DatabaseId,
) {
  const knex = await databases.init(id);
  await applyDatabaseMigrations(knex);
  const store = new EnvironmentStore(knex);
  const events = { publish: jest.fn(), subscribe: jest.fn() };
  const registry = new EnvironmentRegistry(
    store,
    events,
    mockServices.logger.mock(),
  );
  return { knex, store, registry, events };
}

/** A valid POST /environments body for team data-science, parsed. */
export function testEnvironmentRequest(
  overrides: Partial<CreateEnvironmentRequest> = {},
) {
  return createEnvironmentRequestSchema.parse({
    name: 'analytics',
    team: 'data-science',
    region: 'eu-west-1',
    accountId: '123456789012',
    stackVersion: '1.0.0',
    spec: {},
    initiator: 'user:default/alice',
    ...overrides,
  });
}

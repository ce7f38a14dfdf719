import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@data-enclave/plugin-enclave-backend',
  'migrations',
);

const migrationConfig: Knex.MigratorConfig = {
  directory: migrationsDir,
  // A table name of our own so that we never collide with another plugin
  // sharing the same database (e.g. a single-database Postgres setup).
  tableName: 'enclave_knex_migrations',
};

/** Brings the plugin's database to the latest schema (idempotent). */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrationConfig);
}

/** Rolls every migration back (tests prove the down migrations work). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}

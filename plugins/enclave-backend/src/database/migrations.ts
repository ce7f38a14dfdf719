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

/**
 * Replicas starting together on an empty database race inside knex: both see
 * no `enclave_knex_migrations_lock` table and both create it (PostgreSQL
 * answers 42P07 "already exists", or 23505 on its pg_type index), or one finds
 * the migration lock held by the other. All three are transient: the peer is
 * migrating, so wait and try again; the second attempt finds the tables and
 * the migrations done (knex.migrate.latest is idempotent).
 */
function isConcurrentMigrationRace(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string };
  return (
    e?.code === '42P07' || // duplicate_table
    e?.code === '23505' || // unique_violation (pg_type_typname_nsp_index)
    e?.name === 'MigrationLocked' ||
    /already exists|already locked|SQLITE_BUSY/i.test(e?.message ?? '')
  );
}

/** Brings the plugin's database to the latest schema (idempotent, safe for concurrent starts). */
export async function applyDatabaseMigrations(
  knex: Knex,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<void> {
  const attempts = options.attempts ?? 10;
  const delayMs = options.delayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest(migrationConfig);
      return;
    } catch (error) {
      if (attempt >= attempts || !isConcurrentMigrationRace(error)) {
        throw error;
      }
      await new Promise(r => setTimeout(r, delayMs * attempt));
    }
  }
}

/** Rolls every migration back (tests prove the down migrations work). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}

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

/**
 * The same race can leave the lock table with two rows: both peers found it
 * empty and both inserted `is_locked = 0` (knex 3.3 table-creator.js
 * `_insertLockRowIfNeeded`). knex locks with `UPDATE … SET is_locked = 1
 * WHERE is_locked = 0` and demands exactly one row (Migrator.js
 * `_lockMigrations`), so from then on every start fails with "Migration table
 * is already locked", for ever. Rows are locked and unlocked together, so
 * extra rows that are all unlocked are only ever this leftover: keep the
 * first. A real lock (one row, locked) is never touched.
 */
async function removeDuplicateLockRows(knex: Knex): Promise<void> {
  const lockTable = `${migrationConfig.tableName}_lock`;
  if (!(await knex.schema.hasTable(lockTable))) return;
  const rows: Array<{ index: number; is_locked: number }> = await knex(
    lockTable,
  )
    .select('index', 'is_locked')
    .orderBy('index');
  if (rows.length > 1 && rows.every(r => Number(r.is_locked) === 0)) {
    await knex(lockTable).where('index', '>', rows[0].index).delete();
  }
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
      if ((error as Error)?.message?.includes('already locked')) {
        await removeDuplicateLockRows(knex);
      }
      await new Promise(r => setTimeout(r, delayMs * attempt));
    }
  }
}

/** Rolls every migration back (tests prove the down migrations work). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}

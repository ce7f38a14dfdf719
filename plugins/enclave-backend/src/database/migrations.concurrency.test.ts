import knexFactory, { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import { applyDatabaseMigrations } from './migrations';

const databases = createEnclaveTestDatabases();
const MIGRATION_FILES = readdirSync(
  resolve(__dirname, '../../migrations'),
).filter(f => f.endsWith('.js')).length;

/**
 * Replicas starting together on an empty database: without the retry, one of
 * them failed in 2 of 4 trials with `"enclave_knex_migrations_lock" already
 * exists` and kept serving with the plugin half-failed. PostgreSQL only:
 * SQLite files are one process's (the embedded default runs one backend).
 */
const POSTGRES_IDS = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));
// Without PostgreSQL configured the list is empty, and jest fails an empty
// `.each`: skip (databaseConnectivity.test.ts warns why) instead of failing.
const describePostgres =
  POSTGRES_IDS.length > 0
    ? describe.each(POSTGRES_IDS)
    : describe.skip.each([['POSTGRES_15' as const]]);

describePostgres('concurrent migrations on %s', id => {
  it('two backends migrating one empty database at the same moment both succeed', async () => {
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      const first = await databases.init(id);
      // A second, independent pool on the same database: another "replica".
      const second: Knex = knexFactory({
        client: first.client.config.client,
        connection: first.client.config.connection,
      });
      try {
        await Promise.all([
          applyDatabaseMigrations(first, { delayMs: 50 }),
          applyDatabaseMigrations(second, { delayMs: 50 }),
        ]);
        expect(await first.schema.hasTable('environments')).toBe(true);
        const applied = await first('enclave_knex_migrations').count({
          n: '*',
        });
        expect(Number(applied[0].n)).toBe(MIGRATION_FILES);
      } finally {
        await second.destroy();
      }
    }
    // Four fresh databases and eight migration runs: about 1 s on a quiet
    // machine, over 5 s on a loaded 2-core CI runner.
  }, 60_000);
});

describe.each(databases.eachSupportedId())(
  'a lock table left by an earlier race on %s',
  id => {
    it('two unlocked lock rows (both peers inserted one) are repaired instead of "already locked" for ever', async () => {
      const knex = await databases.init(id);
      // The state the race above leaves in about 1 of 12 rounds without the
      // repair (measured on PostgreSQL 15): knex's UPDATE … WHERE is_locked = 0
      // then hits two rows, which knex reads as "already locked".
      await knex.schema.createTable('enclave_knex_migrations_lock', t => {
        t.increments('index').primary();
        t.integer('is_locked');
      });
      await knex('enclave_knex_migrations_lock').insert([
        { is_locked: 0 },
        { is_locked: 0 },
      ]);
      await expect(
        knex.migrate.latest({
          directory: resolve(__dirname, '../../migrations'),
          tableName: 'enclave_knex_migrations',
        }),
      ).rejects.toThrow('Migration table is already locked');

      await applyDatabaseMigrations(knex, { delayMs: 10 });
      expect(await knex.schema.hasTable('environments')).toBe(true);
      expect(await knex('enclave_knex_migrations_lock').select()).toEqual([
        { index: expect.anything(), is_locked: 0 },
      ]);
    });

    it('leaves a lock that a peer really holds alone', async () => {
      const knex = await databases.init(id);
      await knex.schema.createTable('enclave_knex_migrations_lock', t => {
        t.increments('index').primary();
        t.integer('is_locked');
      });
      await knex('enclave_knex_migrations_lock').insert({ is_locked: 1 });
      await expect(
        applyDatabaseMigrations(knex, { attempts: 2, delayMs: 10 }),
      ).rejects.toThrow('already locked');
      expect(await knex('enclave_knex_migrations_lock').select()).toEqual([
        { index: expect.anything(), is_locked: 1 },
      ]);
    });
  },
);

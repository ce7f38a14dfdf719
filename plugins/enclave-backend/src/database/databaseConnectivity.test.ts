import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';

const databases = createEnclaveTestDatabases();

describe('registry databases', () => {
  it.each(databases.eachSupportedId())(
    'connects to %p and reports its server version',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const version =
        knex.client.config.client === 'pg'
          ? (await knex.raw('select version() as version')).rows[0].version
          : (await knex.raw('select sqlite_version() as version'))[0].version;
      // The Postgres leg must prove it talked to a real server: log what it said.
      // eslint-disable-next-line no-console
      console.log(`[${databaseId}] server version: ${version}`);
      expect(version).toMatch(
        databaseId === 'POSTGRES_15' ? /^PostgreSQL 15\./ : /^3\./,
      );
    },
  );
});

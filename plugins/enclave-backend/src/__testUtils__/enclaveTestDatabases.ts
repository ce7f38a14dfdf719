import { TestDatabases } from '@backstage/backend-test-utils';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always, plus PostgreSQL 15 when `scripts/test.sh` started its
 * throwaway cluster. Under CI=true the Postgres leg is mandatory: a silent skip
 * there would hide a broken migration.
 */
export function createEnclaveTestDatabases(): TestDatabases {
  if (process.env.CI === 'true' && !process.env[PG_ENV]) {
    throw new Error(
      `${PG_ENV} is not set under CI=true; run the tests through scripts/test.sh, which starts a throwaway PostgreSQL`,
    );
  }
  if (!process.env[PG_ENV]) {
    // eslint-disable-next-line no-console
    console.warn(
      `PostgreSQL tests skipped: ${PG_ENV} is not set (scripts/test.sh sets it when PostgreSQL binaries are installed)`,
    );
  }
  return TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
}

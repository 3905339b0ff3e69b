import { Client, escapeIdentifier } from 'pg';
import { isStaleTestDatabase, newTestDatabaseName, TEST_DATABASE_PREFIX } from './test-database-name';

export const DEFAULT_TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** URL of the new, empty database. */
  url: string;
  name: string;
  /** Disconnects whoever is still connected and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A throwaway database on the server of `baseUrl` (only its host, port and credentials are used).
 * Always pair with `drop()` in afterAll; dropStaleTestDatabases cleans up after killed runs.
 */
export async function createTestDatabase(
  baseUrl: string = process.env.DATABASE_URL ?? DEFAULT_TEST_SERVER_URL,
): Promise<TestDatabase> {
  const name = newTestDatabaseName();
  await withMaintenanceClient(baseUrl, (client) => client.query(`CREATE DATABASE ${escapeIdentifier(name)}`));
  return {
    name,
    url: urlWithDatabase(baseUrl, name),
    drop: () => withMaintenanceClient(baseUrl, (client) => dropDatabase(client, name)),
  };
}

/** Drops test databases left behind by runs that never reached their drop(); returns their names. */
export async function dropStaleTestDatabases(
  olderThanHours = 6,
  baseUrl: string = process.env.DATABASE_URL ?? DEFAULT_TEST_SERVER_URL,
): Promise<string[]> {
  return withMaintenanceClient(baseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [TEST_DATABASE_PREFIX],
    );
    const stale = rows.map((row) => row.datname).filter((name) => isStaleTestDatabase(name, olderThanHours));
    for (const name of stale) await dropDatabase(client, name);
    return stale;
  });
}

async function dropDatabase(client: Client, name: string): Promise<void> {
  // A pool a failed test forgot to close would otherwise make DROP DATABASE fail.
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  // FORCE also covers a client that reconnects between the two statements.
  await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
}

/** CREATE/DROP DATABASE run from the `postgres` maintenance database: never from the one being dropped. */
async function withMaintenanceClient<T>(baseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: urlWithDatabase(baseUrl, 'postgres'),
    application_name: 'supportlens-tests',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlWithDatabase(url: string, databaseName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}

import { Client, escapeIdentifier } from 'pg';
import { databaseNameOf, redactPassword, withDatabaseName } from './database-url';

const DUPLICATE_DATABASE = '42P04';
/** Two concurrent CREATE DATABASE of the same name: the loser hits the pg_database unique index. */
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the database of `url` if it does not exist yet, so `npm run migrate` works on a fresh
 * server. Connects to the `postgres` maintenance database of the same server to do so.
 * Returns whether it created it.
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new Client({
    connectionString: withDatabaseName(url, 'postgres'),
    application_name: 'supportlens-migrate',
  });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `Cannot reach Postgres at ${redactPassword(withDatabaseName(url, 'postgres'))}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
    return true;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
    throw err;
  } finally {
    await client.end();
  }
}

import { DEFAULT_TEST_SERVER_URL, newTestDatabaseName } from '@supportlens/testing';
import { Client } from 'pg';
import { withDatabaseName } from './database-url';
import { ensureDatabaseExists } from './ensure-database-exists';

describe('ensureDatabaseExists (real Postgres)', () => {
  // Named like a test database, so dropStaleTestDatabases collects it if this run is killed.
  const name = newTestDatabaseName();
  const url = withDatabaseName(DEFAULT_TEST_SERVER_URL, name);

  afterAll(async () => {
    const admin = new Client({ connectionString: DEFAULT_TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('creates a missing database once, even when called concurrently', async () => {
    const created = await Promise.all([
      ensureDatabaseExists(url),
      ensureDatabaseExists(url),
      ensureDatabaseExists(url),
    ]);
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await ensureDatabaseExists(url)).toBe(false);

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0].db).toBe(name);
  });

  it('says which server it could not reach, without the password', async () => {
    await expect(ensureDatabaseExists('postgres://postgres:secret@127.0.0.1:1/supportlens')).rejects.toThrow(
      'Cannot reach Postgres at postgres://postgres:***@127.0.0.1:1/postgres',
    );
  });
});

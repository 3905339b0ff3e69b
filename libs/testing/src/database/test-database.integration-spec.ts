import { Client } from 'pg';
import { createTestDatabase, DEFAULT_TEST_SERVER_URL, dropStaleTestDatabases } from './test-database';
import { newTestDatabaseName } from './test-database-name';

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: DEFAULT_TEST_SERVER_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('test databases (real Postgres)', () => {
  it('creates an empty database and drops it even while a client is still connected', async () => {
    const database = await createTestDatabase(DEFAULT_TEST_SERVER_URL);
    expect(database.url).toBe(`postgres://postgres@127.0.0.1:5432/${database.name}`);

    const forgotten = new Client({ connectionString: database.url });
    forgotten.on('error', () => undefined); // it is about to be terminated
    await forgotten.connect();
    const { rows } = await forgotten.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0].db).toBe(database.name);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await database.drop(); // idempotent
    await forgotten.end().catch(() => undefined);
  });

  it('drops only leftovers older than the threshold', async () => {
    const leftover = newTestDatabaseName(new Date(Date.now() - 7 * 3_600_000));
    const admin = new Client({ connectionString: DEFAULT_TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${leftover}"`);
    await admin.end();
    const fresh = await createTestDatabase(DEFAULT_TEST_SERVER_URL);
    try {
      const dropped = await dropStaleTestDatabases(6, DEFAULT_TEST_SERVER_URL);
      expect(dropped).toContain(leftover);
      expect(dropped).not.toContain(fresh.name);
      expect(await databaseExists(leftover)).toBe(false);
      expect(await databaseExists(fresh.name)).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});

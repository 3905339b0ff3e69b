import { Client } from 'pg';

/** Arbitrary but fixed: every `npm run migrate` against the same database contends for this key. */
export const MIGRATIONS_ADVISORY_LOCK_KEY = 4_217_703_541;

/**
 * Runs `work` while holding a session-level advisory lock on a dedicated connection, so two instances
 * migrating the same database at once run one after the other (the second then finds nothing to do).
 * The lock goes away with the connection, so a killed migrator never leaves it behind.
 */
export async function withMigrationLock<T>(
  url: string,
  work: () => Promise<T>,
  log: (message: string) => void,
): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'supportlens-migrate-lock' });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATIONS_ADVISORY_LOCK_KEY,
    ]);
    if (!rows[0].locked) {
      log('Another migration run holds the migration lock; waiting for it to finish');
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_ADVISORY_LOCK_KEY]);
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import { runMigrations, withDatabaseName } from '@supportlens/persistence';
import { Client, escapeIdentifier, Pool } from 'pg';
import { ALL_MIGRATION_TARGETS } from '../../migration-targets';

/**
 * A throwaway database, `supportlens_bench_<random>`, with every service's real migrations (the ones
 * `npm run migrate` applies), on the server of DATABASE_URL. Dropped at the end unless kept.
 */
export class BenchDatabase {
  /** For the bench's own probes: two connections, so polling never waits behind a slow count. */
  readonly pool: Pool;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly serverUrl: string,
  ) {
    this.pool = new Pool({ connectionString: url, max: 2, application_name: 'bench-probe' });
  }

  static async create(
    serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  ): Promise<BenchDatabase> {
    const name = `supportlens_bench_${randomBytes(4).toString('hex')}`;
    await withMaintenance(serverUrl, (client) => client.query(`CREATE DATABASE ${escapeIdentifier(name)}`));
    const url = withDatabaseName(serverUrl, name);
    await runMigrations(ALL_MIGRATION_TARGETS, url, () => undefined);
    return new BenchDatabase(name, url, serverUrl);
  }

  /** The server settings that change the figures. */
  async settings(): Promise<Record<string, string>> {
    const names = [
      'server_version',
      'synchronous_commit',
      'fsync',
      'shared_buffers',
      'wal_level',
      'max_connections',
    ];
    const settings: Record<string, string> = {};
    for (const name of names) {
      const { rows } = await this.pool.query<Record<string, string>>(`SHOW ${name}`);
      settings[name] = rows[0][name];
    }
    return settings;
  }

  /** Server processes serving the service's connections to this database (for their CPU time). */
  async backendPids(): Promise<number[]> {
    const { rows } = await this.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'bench-probe'`,
    );
    return rows.map((row) => row.pid);
  }

  async close(keep: boolean): Promise<void> {
    await this.pool.end();
    if (keep) return;
    await withMaintenance(this.serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(this.name)} WITH (FORCE)`),
    );
  }
}

async function withMaintenance<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

import { DataSource, DataSourceOptions } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { assertIdentifier } from '../sql/identifiers';

export interface ServiceDataSourceSettings {
  /** postgres://user@host:port/database */
  url: string;
  /** The Postgres schema the service owns; entities and the `migrations` table live there. */
  schema: string;
  entities?: PostgresConnectionOptions['entities'];
  migrations?: PostgresConnectionOptions['migrations'];
  /** Shows up in pg_stat_activity, so a slow query can be traced to its service. */
  applicationName: string;
  /** Defaults to 30 s so a runaway query cannot hold a pooled connection forever; 0 disables it. */
  statementTimeoutMs?: number;
  /**
   * Defaults to 10 s: waiting longer for a row lock (e.g. an inbox claim held by another consumer's
   * transaction) fails with SQLSTATE 55P03, retryable, well before the statement timeout (57014, also
   * retried) would, so a lock wait is told apart from a slow statement in the logs. 0 disables it.
   */
  lockTimeoutMs?: number;
  poolSize?: number;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** A transaction left open by a crashed handler would keep its row locks (e.g. inbox claims) forever. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The one way a SupportLens service talks to Postgres. The schema is only ever changed by migrations
 * run out of band (`npm run migrate`), never by TypeORM synchronisation or at service start.
 */
export function createServiceDataSourceOptions(
  settings: ServiceDataSourceSettings,
): PostgresConnectionOptions {
  const schema = assertIdentifier(settings.schema, 'schema name');
  return {
    type: 'postgres',
    url: settings.url,
    schema,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    synchronize: false,
    migrationsRun: false,
    // Qualified by `schema`, so each service keeps its own migration history.
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    applicationName: settings.applicationName,
    poolSize: settings.poolSize ?? DEFAULT_POOL_SIZE,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // Queries are not logged: bulk statements carry thousands of parameters. Failures surface as exceptions.
    logging: ['warn', 'migration'],
    extra: {
      statement_timeout: settings.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      lock_timeout: settings.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // JIT compiling the per-batch statements costs more than it saves (measured: ~2 s of a 4 s
      // profile refresh for 2,000 customers); they are short, set-based and run thousands of times.
      options: '-c jit=off',
    },
  };
}

/** An uninitialised DataSource; call `initialize()` (and `destroy()` when done). */
export function createServiceDataSource(settings: ServiceDataSourceSettings): DataSource {
  return new DataSource(createServiceDataSourceOptions(settings) satisfies DataSourceOptions);
}

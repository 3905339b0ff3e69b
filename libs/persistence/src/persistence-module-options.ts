import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export interface PersistenceModuleOptions {
  /** The Postgres schema the service owns (`ingest`, `classifier`, `survey_scoring`, `insights`). */
  schema: string;
  /** Listed explicitly (no autoLoadEntities), so what a service maps is visible in one place. */
  entities: NonNullable<PostgresConnectionOptions['entities']>;
  /** The service's migrations: only checked at start (none may be pending), applied by `npm run migrate`. */
  migrations: NonNullable<PostgresConnectionOptions['migrations']>;
  /** pg_stat_activity name; defaults to `supportlens-<schema>`. */
  applicationName?: string;
  /** Connection attempts at start while Postgres is unreachable (default 10 × 3 s). */
  connectRetry?: { attempts: number; delayMs: number };
}

export const PERSISTENCE_MODULE_OPTIONS = Symbol('PERSISTENCE_MODULE_OPTIONS');

import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { createServiceDataSource } from '../data-source/create-data-source';
import { quoteIdentifier } from '../sql/identifiers';
import { withMigrationLock } from './migration-lock';

export interface MigrationTarget {
  /** The service's schema: created if missing; its `migrations` table records what ran. */
  schema: string;
  /** Migration classes, or glob paths TypeORM loads them from. */
  migrations: NonNullable<PostgresConnectionOptions['migrations']>;
  /** Only needed if a migration uses the entity manager/metadata rather than plain SQL. */
  entities?: PostgresConnectionOptions['entities'];
}

export interface AppliedMigrations {
  schema: string;
  applied: string[];
}

/**
 * Applies every pending migration of every target, in order, each migration in its own transaction
 * (a failure rolls back that migration only and stops the run). Idempotent: a second run applies
 * nothing. Concurrent runs against one database are serialised by an advisory lock.
 * The database itself must exist (see ensureDatabaseExists).
 */
export async function runMigrations(
  targets: readonly MigrationTarget[],
  url: string,
  log: (message: string) => void = (message) => console.log(message),
): Promise<AppliedMigrations[]> {
  return withMigrationLock(
    url,
    async () => {
      const report: AppliedMigrations[] = [];
      for (const target of targets) report.push(await migrateSchema(target, url, log));
      return report;
    },
    log,
  );
}

async function migrateSchema(
  target: MigrationTarget,
  url: string,
  log: (message: string) => void,
): Promise<AppliedMigrations> {
  const dataSource = createServiceDataSource({
    url,
    schema: target.schema,
    migrations: target.migrations,
    entities: target.entities,
    applicationName: 'supportlens-migrate',
    // Migrations may legitimately run longer than a request (index builds, backfills) and wait for
    // running transactions to release the tables they alter.
    statementTimeoutMs: 0,
    lockTimeoutMs: 0,
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    // TypeORM creates `<schema>.migrations` before the first migration runs, so the schema comes first.
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(target.schema, 'schema name')}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`[${target.schema}] applied ${migration.name}`);
    if (applied.length === 0) log(`[${target.schema}] up to date`);
    return { schema: target.schema, applied: applied.map((migration) => migration.name) };
  } finally {
    await dataSource.destroy();
  }
}

import { DataSource, MigrationExecutor } from 'typeorm';

/**
 * Names of the DataSource's migrations not yet applied in its schema. Read-only: unlike
 * `dataSource.showMigrations()`, it does not create the migrations table (which would fail outright
 * while the schema itself does not exist yet, i.e. before the first `npm run migrate`).
 */
export async function findPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

export class PendingMigrationsError extends Error {
  constructor(
    readonly schema: string,
    readonly pendingMigrations: string[],
  ) {
    super(
      `Pending migrations for schema ${schema}: run \`npm run migrate\` (pending: ${pendingMigrations.join(', ')})`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Services refuse to start on an outdated schema rather than fail later on a missing column. */
export async function assertNoPendingMigrations(dataSource: DataSource, schema: string): Promise<void> {
  const pending = await findPendingMigrations(dataSource);
  if (pending.length > 0) throw new PendingMigrationsError(schema, pending);
}

import { ensureDatabaseExists, redactPassword, runMigrations } from '@supportlens/persistence';
import { ALL_MIGRATION_TARGETS } from './migration-targets';

/** `npm run migrate`: creates the database if needed and applies every service's pending migrations. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/supportlens';
  if (await ensureDatabaseExists(url)) console.log(`created database ${redactPassword(url)}`);
  const report = await runMigrations(ALL_MIGRATION_TARGETS, url);
  // runMigrations logs each migration it applies; say so for the schemas that needed none.
  for (const { schema, applied } of report) if (applied.length === 0) console.log(`[${schema}] up to date`);
}

main().catch((error: Error) => {
  console.error(`migration failed: ${error.message}`);
  process.exit(1);
});

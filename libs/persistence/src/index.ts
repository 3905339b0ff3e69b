export {
  createServiceDataSource,
  createServiceDataSourceOptions,
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
} from './data-source/create-data-source';
export type { ServiceDataSourceSettings } from './data-source/create-data-source';
export { PersistenceModule } from './persistence.module';
export type { PersistenceModuleOptions } from './persistence-module-options';
export { POSTGRES_READINESS_CHECK } from './postgres-readiness.check';
export { runMigrations } from './migrations/run-migrations';
export type { AppliedMigrations, MigrationTarget } from './migrations/run-migrations';
export { MIGRATIONS_ADVISORY_LOCK_KEY } from './migrations/migration-lock';
export {
  assertNoPendingMigrations,
  findPendingMigrations,
  PendingMigrationsError,
} from './migrations/pending-migrations';
export { ensureDatabaseExists } from './database/ensure-database-exists';
export { databaseNameOf, redactPassword, withDatabaseName } from './database/database-url';
export { claimNewEvents, claimNewEventsOfConsumers } from './inbox/claim-new-events';
export { PROCESSED_EVENTS_TABLE, processedEventsTableSql } from './inbox/processed-events-table';
export { bulkUpsert } from './bulk/bulk-upsert';
export { buildBulkUpsertSql } from './bulk/build-bulk-upsert-sql';
export { jsonRowsFrom, jsonRowsParameter } from './bulk/json-rows';
export type {
  BulkColumn,
  BulkColumnType,
  BulkUpsertOptions,
  BulkUpsertResult,
  BulkUpsertStatement,
} from './bulk/bulk-upsert.types';
export { isLockTableFull, isTransientDatabaseError } from './errors/is-transient-db-error';
export { PgNotificationListener } from './notifications/pg-notification-listener';
export type { PgNotificationListenerOptions } from './notifications/pg-notification-listener';
export { deepFreeze, LiveVersionedValue } from './notifications/live-versioned-value';
export type { LiveVersionedValueOptions, LoadedVersion } from './notifications/live-versioned-value';
export { assertIdentifier, quoteIdentifier, quoteQualifiedName } from './sql/identifiers';
export { guardPoolClientErrors } from './data-source/guard-pool-client-errors';
export { CustomerErasureLedger } from './erasure/customer-erasure-ledger';
export type { LedgerErasure } from './erasure/customer-erasure-ledger';
export { preparedQuery, preparedStatementName } from './sql/prepared-query';
export type { PreparedQueryResult } from './sql/prepared-query';

export { createTestDatabase, DEFAULT_TEST_SERVER_URL, dropStaleTestDatabases } from './test-database';
export type { TestDatabase } from './test-database';
export {
  isStaleTestDatabase,
  newTestDatabaseName,
  testDatabaseCreatedAt,
  TEST_DATABASE_PREFIX,
} from './test-database-name';

import './register-path-aliases';
import { runMigrations } from '@supportlens/persistence';
import {
  createTestDatabase,
  dropStaleTestDatabases,
  ensureKafkaBroker,
  provisionTestApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { ALL_MIGRATION_TARGETS } from '../../scripts/migration-targets';
import { TEST_STACK } from './test-stack';

/**
 * Integration and e2e suites run on the real thing: a Kafka broker (reused if one answers, else
 * started from the project's Maven-resolved jars, or by testcontainers where Docker exists) and a
 * throwaway Postgres database migrated with the services' real migrations.
 */
export default async function globalSetup(): Promise<void> {
  if (TEST_STACK.get()) return; // both the integration and e2e projects name this setup
  const kafka = await ensureKafkaBroker();
  process.env.KAFKA_BROKERS = kafka.brokers;

  await dropStaleTestDatabases();
  const database = await createTestDatabase();
  await runMigrations(ALL_MIGRATION_TARGETS, database.url, () => undefined);
  process.env.DATABASE_URL = database.url;
  // Every HTTP route needs a key: suites that test features call with this one (all scopes).
  await provisionTestApiKey(database.url);

  // A consumer group of its own per run: a developer's running stack keeps its partitions.
  process.env.KAFKA_GROUP_ID_PREFIX = `supportlens-test-${randomUUID().slice(0, 8)}`;
  process.env.KAFKA_TOPIC_PARTITIONS ??= '3';
  process.env.LOG_LEVEL ??= 'error';
  // Suites share the input topics and the database: no suite's backlog may defer another's judging
  // (catch-up/). The suites about catch-up and replay turn it on for their own database and groups.
  process.env.CATCH_UP_ENTER_LAG ??= '0';
  TEST_STACK.set({ kafka, database });
}

import { BeforeApplicationShutdown, Injectable, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { BaseServiceConfig, PlatformModule, ReadinessRegistry } from '@supportlens/platform';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import {
  Column,
  DataSource,
  Entity,
  MigrationInterface,
  PrimaryColumn,
  QueryRunner,
  Repository,
} from 'typeorm';
import { withDatabaseName } from './database/database-url';
import { processedEventsTableSql } from './inbox/processed-events-table';
import { PendingMigrationsError } from './migrations/pending-migrations';
import { runMigrations } from './migrations/run-migrations';
import { PersistenceModule } from './persistence.module';
import { PersistenceModuleOptions } from './persistence-module-options';

const SCHEMA = 'module_test';

@Entity({ name: 'widgets' })
class Widget {
  @PrimaryColumn('text')
  id: string;

  @Column('int')
  size: number;
}

class CreateWidgets1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE ${SCHEMA}.widgets (id text PRIMARY KEY, size int NOT NULL)`);
    await queryRunner.query(processedEventsTableSql(SCHEMA));
  }
  async down(): Promise<void> {}
}

/** Stands in for a Kafka consumer: it still writes while it drains in beforeApplicationShutdown. */
@Injectable()
class DrainingConsumer implements BeforeApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${SCHEMA}.widgets (id, size) VALUES ('written-while-draining', 1)`,
    );
  }
}

@Module({ imports: [TypeOrmModule.forFeature([Widget])], providers: [DrainingConsumer] })
class WidgetsModule {}

const persistence: PersistenceModuleOptions = {
  schema: SCHEMA,
  entities: [Widget],
  migrations: [CreateWidgets1700000000001],
  connectRetry: { attempts: 3, delayMs: 5000 },
};

function compileApp(databaseUrl: string, feature: Array<new () => unknown> = []): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        serviceName: 'persistence-test',
        config: BaseServiceConfig,
        configValues: { DATABASE_URL: databaseUrl },
      }),
      PersistenceModule.forRoot(persistence),
      ...feature,
    ],
  }).compile();
}

describe('PersistenceModule (real Postgres)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('refuses to start while migrations are pending, and never migrates by itself', async () => {
    const app = await compileApp(database.url);
    const start = app.init();
    await expect(start).rejects.toThrow(PendingMigrationsError);
    await expect(start).rejects.toThrow(
      'Pending migrations for schema module_test: run `npm run migrate` (pending: CreateWidgets1700000000001)',
    );
    // Nest's close() would only rethrow the init error, so the check itself released the pool.
    expect(app.get(DataSource).isInitialized).toBe(false);
    expect(
      await queryDatabase(database.url, `SELECT 1 FROM pg_namespace WHERE nspname = '${SCHEMA}'`),
    ).toEqual([]);
  });

  describe('once migrated', () => {
    let app: TestingModule;

    beforeAll(async () => {
      await runMigrations(
        [{ schema: SCHEMA, migrations: persistence.migrations }],
        database.url,
        () => undefined,
      );
      app = await compileApp(database.url, [WidgetsModule]);
      await app.init();
    });

    afterAll(async () => {
      if (app?.get(DataSource).isInitialized) await app.close();
    });

    it('maps entities into the service schema', async () => {
      const widgets = app.get<Repository<Widget>>(getRepositoryToken(Widget));
      await widgets.save({ id: 'w1', size: 3 });
      expect(await app.get(DataSource).query(`SELECT id, size FROM ${SCHEMA}.widgets`)).toEqual([
        { id: 'w1', size: 3 },
      ]);
    });

    it('registers a postgres readiness check that queries the database', async () => {
      const report = await app.get(ReadinessRegistry).check();
      expect(report.checks.postgres).toEqual({ status: 'up' });
    });

    it('names its connections after the schema and bounds statements and lock waits', async () => {
      const [row] = await app
        .get(DataSource)
        .query(
          `SELECT current_setting('application_name') AS name, current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`,
        );
      expect(row).toEqual({ name: 'supportlens-module_test', statement: '30s', lock: '10s' });
    });

    it('keeps the DataSource open while consumers drain and closes it afterwards', async () => {
      const dataSource = app.get(DataSource);
      await app.close();
      expect(dataSource.isInitialized).toBe(false);

      const check = await queryDatabase(
        database.url,
        `SELECT id FROM ${SCHEMA}.widgets WHERE id = 'written-while-draining'`,
      );
      expect(check).toEqual([{ id: 'written-while-draining' }]);
    });
  });

  it('fails at once, without retrying, when the database does not exist', async () => {
    const started = Date.now();
    await expect(compileApp(withDatabaseName(database.url, `${database.name}_missing`))).rejects.toThrow(
      /does not exist/,
    );
    expect(Date.now() - started).toBeLessThan(persistence.connectRetry!.delayMs);
  });
});

async function queryDatabase(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

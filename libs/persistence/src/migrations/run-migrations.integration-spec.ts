import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-data-source';
import { processedEventsTableSql } from '../inbox/processed-events-table';
import { findPendingMigrations } from './pending-migrations';
import { runMigrations } from './run-migrations';

/** A migration class running `statements`; TypeORM reads the timestamp from the last 13 digits of its name. */
function sqlMigration(name: string, ...statements: string[]): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    readonly name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of statements) await queryRunner.query(statement);
    }
    async down(): Promise<void> {}
  };
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}

const ordersV1 = [
  sqlMigration(
    'CreateOrders1700000000001',
    'CREATE TABLE mig_orders.orders (id text PRIMARY KEY)',
    processedEventsTableSql('mig_orders'),
  ),
];
const ordersV2 = [
  ...ordersV1,
  sqlMigration('AddOrderTotal1700000000002', 'ALTER TABLE mig_orders.orders ADD COLUMN total numeric'),
];
const reports = [
  sqlMigration('CreateReports1700000000001', 'CREATE TABLE mig_reports.reports (id int PRIMARY KEY)'),
];

describe('runMigrations (real Postgres)', () => {
  let database: TestDatabase;
  let client: Client;
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);

  beforeEach(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    logs.length = 0;
  });

  afterEach(async () => {
    await client?.end();
    await database?.drop();
  });

  const tablesOf = async (schema: string): Promise<string[]> =>
    (
      await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
        [schema],
      )
    ).rows.map((row) => row.table_name);

  it('creates each schema, applies its migrations there and logs them', async () => {
    const report = await runMigrations(
      [
        { schema: 'mig_orders', migrations: ordersV1 },
        { schema: 'mig_reports', migrations: reports },
      ],
      database.url,
      log,
    );

    expect(report).toEqual([
      { schema: 'mig_orders', applied: ['CreateOrders1700000000001'] },
      { schema: 'mig_reports', applied: ['CreateReports1700000000001'] },
    ]);
    expect(await tablesOf('mig_orders')).toEqual(['migrations', 'orders', 'processed_events']);
    expect(await tablesOf('mig_reports')).toEqual(['migrations', 'reports']);
    expect(await tablesOf('public')).toEqual([]);
    expect(logs).toEqual([
      '[mig_orders] applied CreateOrders1700000000001',
      '[mig_reports] applied CreateReports1700000000001',
    ]);
  });

  it('is idempotent and later applies only what is new', async () => {
    const targets = [{ schema: 'mig_orders', migrations: ordersV1 }];
    await runMigrations(targets, database.url, log);
    expect(await runMigrations(targets, database.url, log)).toEqual([{ schema: 'mig_orders', applied: [] }]);
    expect(logs).toContain('[mig_orders] up to date');

    expect(await runMigrations([{ schema: 'mig_orders', migrations: ordersV2 }], database.url, log)).toEqual([
      { schema: 'mig_orders', applied: ['AddOrderTotal1700000000002'] },
    ]);
    const { rows } = await client.query('SELECT name FROM mig_orders.migrations ORDER BY id');
    expect(rows).toEqual([{ name: 'CreateOrders1700000000001' }, { name: 'AddOrderTotal1700000000002' }]);
  });

  it('rolls back only the failing migration and stops there', async () => {
    const failing = [
      ...ordersV1,
      sqlMigration(
        'Broken1700000000002',
        'CREATE TABLE mig_orders.half_done (id int)',
        'SELECT * FROM no_such_table',
      ),
      sqlMigration('Never1700000000003', 'CREATE TABLE mig_orders.never (id int)'),
    ];
    await expect(
      runMigrations([{ schema: 'mig_orders', migrations: failing }], database.url, log),
    ).rejects.toThrow(/no_such_table/);
    expect(await tablesOf('mig_orders')).toEqual(['migrations', 'orders', 'processed_events']);
    const { rows } = await client.query('SELECT name FROM mig_orders.migrations');
    expect(rows).toEqual([{ name: 'CreateOrders1700000000001' }]);
  });

  it('serialises concurrent runs with an advisory lock: each migration runs once', async () => {
    const slow = [
      sqlMigration(
        'Slow1700000000001',
        'SELECT pg_sleep(0.5)',
        'CREATE TABLE mig_orders.orders (id text PRIMARY KEY)',
      ),
    ];
    const targets = [{ schema: 'mig_orders', migrations: slow }];
    const [first, second] = await Promise.all([
      runMigrations(targets, database.url, log),
      runMigrations(targets, database.url, log),
    ]);
    expect([...first[0].applied, ...second[0].applied]).toEqual(['Slow1700000000001']);
    expect(logs).toContain('Another migration run holds the migration lock; waiting for it to finish');
  });

  it('reports pending migrations without touching the database, and none once migrated', async () => {
    const dataSource = createServiceDataSource({
      url: database.url,
      schema: 'mig_orders',
      migrations: ordersV2,
      applicationName: 'pending-test',
    });
    await dataSource.initialize();
    try {
      expect(await findPendingMigrations(dataSource)).toEqual([
        'CreateOrders1700000000001',
        'AddOrderTotal1700000000002',
      ]);
      const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'mig_orders'`);
      expect(rowCount).toBe(0);

      await runMigrations([{ schema: 'mig_orders', migrations: ordersV1 }], database.url, log);
      expect(await findPendingMigrations(dataSource)).toEqual(['AddOrderTotal1700000000002']);
      await runMigrations([{ schema: 'mig_orders', migrations: ordersV2 }], database.url, log);
      expect(await findPendingMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

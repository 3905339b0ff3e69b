import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase, waitFor } from '@supportlens/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { insightsMigrations } from '../migrations';
import { CatchUpRepository } from './catch-up.repository';

/**
 * The catch-up's locking on real Postgres: the end of a catch-up is never starved by batches, and
 * takers of deferred customers never wait on a customer someone else holds.
 */
describe('catch-up locking', () => {
  const repository = new CatchUpRepository();
  let database: TestDatabase;
  let dataSource: DataSource;
  const open: QueryRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(
      [{ schema: 'insights', migrations: insightsMigrations }],
      database.url,
      () => undefined,
    );
    dataSource = createServiceDataSource({
      url: database.url,
      schema: 'insights',
      applicationName: 'catch-up-locking-test',
    });
    await dataSource.initialize();
  });

  afterEach(async () => {
    for (const runner of open.splice(0)) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A connection of its own with an open transaction (the locks are transaction-scoped). */
  async function transaction(): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    open.push(runner);
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  async function backendPid(runner: QueryRunner): Promise<number> {
    const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
    return pid;
  }

  /** Whether the backend waits for an advisory lock. */
  async function isWaiting(pid: number): Promise<boolean> {
    const rows = await dataSource.query(
      `SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
      [pid],
    );
    return rows.length > 0;
  }

  it('queues new batches behind an end waiting for the batches in flight, so the end is never starved', async () => {
    const inFlight = await transaction();
    expect(await repository.catchingUpForBatch(inFlight.manager)).toBe(false);

    const end = await transaction();
    const endPid = await backendPid(end);
    let endLocked = false;
    const ending = repository.lockExclusively(end.manager).then(() => (endLocked = true));
    await waitFor('the end waiting', async () => ((await isWaiting(endPid)) ? true : undefined));

    const next = await transaction();
    const nextPid = await backendPid(next);
    let nextStarted = false;
    const starting = repository.catchingUpForBatch(next.manager).then(() => (nextStarted = true));
    await waitFor('the next batch queued', async () => ((await isWaiting(nextPid)) ? true : undefined));
    expect([endLocked, nextStarted]).toEqual([false, false]);

    await inFlight.commitTransaction();
    await ending;
    expect([endLocked, nextStarted]).toEqual([true, false]);

    await end.commitTransaction();
    await starting;
    expect(nextStarted).toBe(true);
  });

  it('takes only deferred customers whose lock is free, and leaves the others on the list', async () => {
    await dataSource.query(`DELETE FROM insights.deferred_customers`);
    await dataSource.transaction((manager) =>
      repository.defer(manager, ['cu-a', 'cu-b', 'cu-c'], new Date('2031-01-02T00:00:00Z')),
    );
    await dataSource.transaction((manager) =>
      repository.defer(manager, ['cu-b'], new Date('2031-01-05T00:00:00Z')),
    );

    // A batch holds cu-b's customer lock (the key LOCK_CUSTOMERS_SQL takes).
    const batch = await transaction();
    await batch.query(`SELECT pg_advisory_xact_lock(hashtextextended('cu-b', 0))`);

    const taken = await dataSource.transaction((manager) => repository.takeDeferred(manager, 10));
    expect(taken.customerIds).toEqual(['cu-a', 'cu-c']);
    expect(taken.eventTimes.get('cu-a')).toEqual(new Date('2031-01-02T00:00:00Z'));
    await batch.commitTransaction();

    const rest = await dataSource.transaction((manager) => repository.takeDeferred(manager, 10));
    expect(rest.customerIds).toEqual(['cu-b']);
    // The latest time of the batches that deferred it.
    expect(rest.eventTimes.get('cu-b')).toEqual(new Date('2031-01-05T00:00:00Z'));
    expect(await repository.deferredCount(dataSource.manager)).toBe(0);
  });
});

import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-data-source';
import { isTransientDatabaseError } from '../errors/is-transient-db-error';
import { claimNewEvents, claimNewEventsOfConsumers } from './claim-new-events';
import { processedEventsTableSql } from './processed-events-table';

const SCHEMA = 'inbox_test';

describe('claimNewEvents (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({
      url: database.url,
      schema: SCHEMA,
      applicationName: 'inbox-test',
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.query(processedEventsTableSql(SCHEMA));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const claim = (consumer: string, ids: string[]) =>
    dataSource.transaction((manager) => claimNewEvents(manager, SCHEMA, consumer, ids));

  it('returns only the ids not claimed before by that consumer', async () => {
    expect(await claim('c1', ['a', 'b'])).toEqual(new Set(['a', 'b']));
    expect(await claim('c1', ['a', 'b'])).toEqual(new Set());
    expect(await claim('c1', ['b', 'c'])).toEqual(new Set(['c']));
    expect(await claim('c2', ['a'])).toEqual(new Set(['a']));
  });

  it("claims several consumers' ids in one statement, each consumer apart", async () => {
    const claimBoth = (cases: string[], surveys: string[]) =>
      dataSource.transaction((manager) =>
        claimNewEventsOfConsumers(manager, SCHEMA, [
          { consumer: 'both-cases', eventIds: cases },
          { consumer: 'both-surveys', eventIds: surveys },
        ]),
      );
    expect(await claim('both-cases', ['a'])).toEqual(new Set(['a']));
    const first = await claimBoth(['a', 'b', 'b'], ['a', 'c']);
    expect(first).toEqual(
      new Map([
        ['both-cases', new Set(['b'])],
        ['both-surveys', new Set(['a', 'c'])],
      ]),
    );
    expect(await claimBoth(['a', 'b'], ['c'])).toEqual(
      new Map([
        ['both-cases', new Set()],
        ['both-surveys', new Set()],
      ]),
    );
  });

  it('counts an id repeated within one call once', async () => {
    expect(await claim('c3', ['x', 'x', 'y', 'x'])).toEqual(new Set(['x', 'y']));
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM ${SCHEMA}.processed_events WHERE consumer = 'c3'`,
    );
    expect(count).toBe(2);
  });

  it('sends nothing for an empty batch', async () => {
    expect(await claim('c4', [])).toEqual(new Set());
  });

  it('un-claims when the handler transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        expect(await claimNewEvents(manager, SCHEMA, 'c5', ['r1', 'r2'])).toEqual(new Set(['r1', 'r2']));
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await claim('c5', ['r1', 'r2'])).toEqual(new Set(['r1', 'r2']));
  });

  it('refuses to run outside a transaction (the claim would commit without the effect)', async () => {
    await expect(claimNewEvents(dataSource.manager, SCHEMA, 'c6', ['a'])).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      dataSource.transaction((manager) => claimNewEvents(manager, 'x; drop table y', 'c7', ['a'])),
    ).rejects.toThrow(/Invalid SQL schema name/);
  });

  describe('two transactions claiming overlapping ids', () => {
    let first: QueryRunner;
    let second: QueryRunner;

    beforeEach(async () => {
      first = dataSource.createQueryRunner();
      second = dataSource.createQueryRunner();
      await first.startTransaction();
      await second.startTransaction();
    });

    afterEach(async () => {
      for (const runner of [first, second]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('claims each id once: the second waits for the first and gets nothing for the overlap', async () => {
      expect(await claimNewEvents(first.manager, SCHEMA, 'race', ['e1', 'e2'])).toEqual(
        new Set(['e1', 'e2']),
      );
      const secondClaim = claimNewEvents(second.manager, SCHEMA, 'race', ['e2', 'e3']);
      await waitUntilBlockedOnLock(dataSource);

      await first.commitTransaction();
      expect(await secondClaim).toEqual(new Set(['e3']));
      await second.commitTransaction();
    });

    it('hands the overlap to the second when the first rolls back', async () => {
      expect(await claimNewEvents(first.manager, SCHEMA, 'race2', ['e1', 'e2'])).toEqual(
        new Set(['e1', 'e2']),
      );
      const secondClaim = claimNewEvents(second.manager, SCHEMA, 'race2', ['e2', 'e3']);
      await waitUntilBlockedOnLock(dataSource);

      await first.rollbackTransaction();
      expect(await secondClaim).toEqual(new Set(['e2', 'e3']));
      await second.commitTransaction();
    });

    it('gives up after lock_timeout with an error classified as transient (retry the batch later)', async () => {
      await claimNewEvents(first.manager, SCHEMA, 'slow', ['s1']);
      await second.query(`SET LOCAL lock_timeout = '200ms'`);
      const error = await claimNewEvents(second.manager, SCHEMA, 'slow', ['s1']).catch((err: unknown) => err);
      expect(error).toMatchObject({ driverError: expect.objectContaining({ code: '55P03' }) });
      expect(isTransientDatabaseError(error)).toBe(true);
    });

    it('does not deadlock when overlapping batches list ids in opposite orders', async () => {
      const ids = Array.from({ length: 2000 }, (_, i) => `o${String(i).padStart(4, '0')}`);
      const [a, b] = await Promise.all([
        claimNewEvents(first.manager, SCHEMA, 'order', ids).then(async (claimed) => {
          await first.commitTransaction();
          return claimed;
        }),
        claimNewEvents(second.manager, SCHEMA, 'order', [...ids].reverse()).then(async (claimed) => {
          await second.commitTransaction();
          return claimed;
        }),
      ]);
      expect(a.size + b.size).toBe(ids.length);
    });
  });
});

/** Until a backend of this database waits on a row lock, i.e. the second claim is blocked. */
async function waitUntilBlockedOnLock(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the second claim never blocked on the first');
}

import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-data-source';
import { preparedQuery, preparedStatementName } from './prepared-query';

const SCHEMA = 'prepared_test';
const COUNT_SQL = `SELECT count(*)::int AS n FROM ${SCHEMA}.items WHERE id = ANY($1::text[])`;

describe('preparedQuery (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({
      url: database.url,
      schema: SCHEMA,
      applicationName: 'prepared-test',
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.items (id text PRIMARY KEY, n int NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE ${SCHEMA}.items`);
  });

  it('parses a statement once per connection and settles on one plan for it', async () => {
    await dataSource.query(`INSERT INTO ${SCHEMA}.items VALUES ('a', 1), ('b', 2), ('c', 3)`);
    const stats = await dataSource.transaction(async (manager) => {
      const counts: number[] = [];
      for (let i = 0; i < 8; i++) {
        const { rows } = await preparedQuery<{ n: number }>(manager, COUNT_SQL, [['a', 'c', `x${i}`]]);
        counts.push(rows[0].n);
      }
      expect(counts).toEqual(Array(8).fill(2));
      return manager.query(
        `SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1`,
        [preparedStatementName(COUNT_SQL)],
      );
    });
    expect(stats).toHaveLength(1);
    expect(stats[0].statement).toBe(COUNT_SQL);
    // Eight runs: five with a plan of their own, then the cached generic plan (no dearer here), unplanned.
    expect(Number(stats[0].custom_plans)).toBeLessThan(8);
    expect(Number(stats[0].generic_plans)).toBe(8 - Number(stats[0].custom_plans));
  });

  it("runs in the manager's transaction, so a rollback undoes it", async () => {
    const insert = `INSERT INTO ${SCHEMA}.items (id, n) SELECT * FROM unnest($1::text[], $2::int[]) RETURNING id`;
    await expect(
      dataSource.transaction(async (manager) => {
        const { rows, rowCount } = await preparedQuery<{ id: string }>(manager, insert, [
          ['a', 'b'],
          [1, 2],
        ]);
        expect(rowCount).toBe(2);
        expect(rows.map((row) => row.id).sort()).toEqual(['a', 'b']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await dataSource.query(`SELECT * FROM ${SCHEMA}.items`)).toEqual([]);
    // Outside a transaction: a runner of its own, released after (the pool is not drained).
    const { rowCount } = await preparedQuery(dataSource.manager, insert, [['c'], [3]]);
    expect(rowCount).toBe(1);
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
      .master;
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("fails as manager.query does: a QueryFailedError carrying Postgres's code", async () => {
    const duplicate = `INSERT INTO ${SCHEMA}.items (id, n) VALUES ($1, $2)`;
    await preparedQuery(dataSource.manager, duplicate, ['a', 1]);
    const failure = await preparedQuery(dataSource.manager, duplicate, ['a', 2]).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(failure).toMatchObject({ code: '23505', driverError: { code: '23505' } });
    // The statement stays usable on that connection after the failure.
    expect((await preparedQuery(dataSource.manager, duplicate, ['b', 2])).rowCount).toBe(1);
  });

  it('stays usable on its connection after a parameter pg cannot send', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const select = `SELECT $1::text AS v`;
      expect((await preparedQuery(runner.manager, select, ['one'])).rows).toEqual([{ v: 'one' }]);
      // Throws while pg maps the values, after the statement was prepared: pg closes the statement.
      const unsendable = {
        toPostgres: () => {
          throw new Error('cannot serialise');
        },
      };
      await expect(preparedQuery(runner.manager, select, [unsendable])).rejects.toThrow(QueryFailedError);
      expect((await preparedQuery(runner.manager, select, ['two'])).rows).toEqual([{ v: 'two' }]);
    } finally {
      await runner.release();
    }
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
      .master;
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it('refuses a released query runner, as manager.query does', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.release();
    await expect(preparedQuery(runner.manager, COUNT_SQL, [['a']])).rejects.toThrow(
      QueryRunnerAlreadyReleasedError,
    );
  });
});

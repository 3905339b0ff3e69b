import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-data-source';
import { bulkUpsert } from './bulk-upsert';
import { BulkUpsertStatement } from './bulk-upsert.types';

const SCHEMA = 'bulk_test';

const facts: BulkUpsertStatement = {
  table: `${SCHEMA}.case_facts`,
  columns: [
    { name: 'case_id', type: 'text' },
    { name: 'version', type: 'int' },
    { name: 'score', type: 'double precision' },
    { name: 'amount', type: 'numeric' },
    { name: 'big', type: 'bigint' },
    { name: 'open', type: 'boolean' },
    { name: 'opened_on', type: 'date' },
    { name: 'updated_at', type: 'timestamptz' },
    { name: 'payload', type: 'jsonb' },
  ],
  conflictColumns: ['case_id'],
};

describe('bulkUpsert (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, applicationName: 'bulk-test' });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.case_facts (
      case_id text PRIMARY KEY,
      version int NOT NULL,
      score double precision,
      amount numeric,
      big bigint,
      open boolean,
      opened_on date,
      updated_at timestamptz,
      payload jsonb
    )`);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.daily_counts (
      day date NOT NULL, topic text NOT NULL, count int NOT NULL, PRIMARY KEY (day, topic)
    )`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE ${SCHEMA}.case_facts, ${SCHEMA}.daily_counts`);
  });

  const readFacts = (): Promise<Array<Record<string, unknown>>> =>
    dataSource.query(`SELECT * FROM ${SCHEMA}.case_facts ORDER BY case_id`);

  it('inserts every column type, NULLs and jsonb', async () => {
    const result = await bulkUpsert(dataSource.manager, {
      ...facts,
      rows: [
        {
          case_id: 'C-1',
          version: 1,
          score: 0.25,
          amount: '12.50',
          big: 9007199254740993n,
          open: true,
          opened_on: new Date('2026-01-31'),
          updated_at: new Date('2026-01-31T23:30:00.000Z'),
          payload: { tags: ['billing', 'refund'], nested: { quote: 'say "hi"', backslash: '\\' } },
        },
        { case_id: 'C-2', version: 1, payload: null },
        { case_id: 'C-3', version: 1, payload: 'just a string', opened_on: '2026-02-01', open: false },
      ],
    });
    expect(result).toEqual({ affected: 3, rows: [] });

    const [c1, c2, c3] = await readFacts();
    expect(c1).toMatchObject({
      version: 1,
      score: 0.25,
      amount: '12.50',
      big: '9007199254740993',
      open: true,
    });
    expect(
      await dataSource.query(`SELECT opened_on::text AS d FROM ${SCHEMA}.case_facts WHERE case_id = 'C-1'`),
    ).toEqual([{ d: '2026-01-31' }]);
    expect((c1.updated_at as Date).toISOString()).toBe('2026-01-31T23:30:00.000Z');
    expect(c1.payload).toEqual({
      tags: ['billing', 'refund'],
      nested: { quote: 'say "hi"', backslash: '\\' },
    });
    expect(c2).toMatchObject({
      score: null,
      amount: null,
      big: null,
      open: null,
      opened_on: null,
      updated_at: null,
      payload: null,
    });
    expect(c3).toMatchObject({ payload: 'just a string', open: false });
  });

  it('stores what JSON alone cannot carry as it was stored before: infinities, NaN, unpaired surrogates', async () => {
    await bulkUpsert(dataSource.manager, {
      ...facts,
      rows: [
        { case_id: 'A-inf', version: 1, score: Infinity, amount: 'NaN' },
        { case_id: 'B-nan', version: 1, score: NaN, payload: 'null' },
        { case_id: 'C-\uD800x', version: 1, score: -Infinity, payload: { a: null, b: '\uD83D\uDE00' } },
        { case_id: '{"d":1}', version: 1, payload: [null] },
      ],
    });
    const rows = await dataSource.query(
      `SELECT case_id, score::text AS score, amount::text AS amount, payload FROM ${SCHEMA}.case_facts ORDER BY case_id`,
    );
    expect(rows).toEqual([
      { case_id: 'A-inf', score: 'Infinity', amount: 'NaN', payload: null },
      // A JS string "null" is the jsonb string "null", not SQL NULL.
      { case_id: 'B-nan', score: 'NaN', amount: null, payload: 'null' },
      { case_id: 'C-\uFFFDx', score: '-Infinity', amount: null, payload: { a: null, b: '\uD83D\uDE00' } },
      { case_id: '{"d":1}', score: null, amount: null, payload: [null] },
    ]);
  });

  it('updates existing rows and returns the requested columns', async () => {
    await bulkUpsert(dataSource.manager, { ...facts, rows: [{ case_id: 'C-1', version: 1, score: 1 }] });
    const result = await bulkUpsert(dataSource.manager, {
      ...facts,
      rows: [
        { case_id: 'C-1', version: 2, score: 2 },
        { case_id: 'C-2', version: 1, score: 3 },
      ],
      returning: ['case_id', 'version'],
    });
    expect(result.affected).toBe(2);
    expect(result.rows).toEqual([
      { case_id: 'C-1', version: 2 },
      { case_id: 'C-2', version: 1 },
    ]);
    expect((await readFacts()).map((row) => [row.case_id, row.version, row.score])).toEqual([
      ['C-1', 2, 2],
      ['C-2', 1, 3],
    ]);
  });

  it('leaves a row untouched when the onlyWhen guard rejects the update', async () => {
    const guarded = { ...facts, onlyWhen: 'EXCLUDED.version > t.version' };
    await bulkUpsert(dataSource.manager, { ...guarded, rows: [{ case_id: 'C-1', version: 5, score: 5 }] });

    const stale = await bulkUpsert(dataSource.manager, {
      ...guarded,
      rows: [
        { case_id: 'C-1', version: 4, score: 4 },
        { case_id: 'C-9', version: 1, score: 9 },
      ],
      returning: ['case_id'],
    });
    expect(stale).toEqual({ affected: 1, rows: [{ case_id: 'C-9' }] });
    expect((await readFacts()).map((row) => [row.case_id, row.version, row.score])).toEqual([
      ['C-1', 5, 5],
      ['C-9', 1, 9],
    ]);
  });

  it('updates only the listed columns', async () => {
    await bulkUpsert(dataSource.manager, {
      ...facts,
      rows: [{ case_id: 'C-1', version: 1, score: 1, open: true }],
    });
    await bulkUpsert(dataSource.manager, {
      ...facts,
      updateColumns: ['score'],
      rows: [{ case_id: 'C-1', version: 7, score: 2, open: false }],
    });
    expect(await readFacts()).toEqual([expect.objectContaining({ version: 1, score: 2, open: true })]);
  });

  it('keeps the last of several rows with the same key in one batch', async () => {
    const result = await bulkUpsert(dataSource.manager, {
      ...facts,
      rows: [
        { case_id: 'C-1', version: 1 },
        { case_id: 'C-2', version: 1 },
        { case_id: 'C-1', version: 3 },
        { case_id: 'C-1', version: 2 },
      ],
    });
    expect(result.affected).toBe(2);
    expect((await readFacts()).map((row) => [row.case_id, row.version])).toEqual([
      ['C-1', 2],
      ['C-2', 1],
    ]);
  });

  it('works with composite keys and DO NOTHING', async () => {
    const counts: BulkUpsertStatement = {
      table: `${SCHEMA}.daily_counts`,
      columns: [
        { name: 'day', type: 'date' },
        { name: 'topic', type: 'text' },
        { name: 'count', type: 'int' },
      ],
      conflictColumns: ['day', 'topic'],
    };
    await bulkUpsert(dataSource.manager, {
      ...counts,
      rows: [
        { day: '2026-01-01', topic: 'billing', count: 1 },
        { day: '2026-01-01', topic: 'login', count: 2 },
        { day: '2026-01-02', topic: 'billing', count: 3 },
      ],
    });
    const ignored = await bulkUpsert(dataSource.manager, {
      ...counts,
      updateColumns: [],
      rows: [{ day: '2026-01-01', topic: 'billing', count: 100 }],
    });
    expect(ignored.affected).toBe(0);
    expect(
      await dataSource.query(`SELECT day::text, topic, count FROM ${SCHEMA}.daily_counts ORDER BY 1, 2`),
    ).toEqual([
      { day: '2026-01-01', topic: 'billing', count: 1 },
      { day: '2026-01-01', topic: 'login', count: 2 },
      { day: '2026-01-02', topic: 'billing', count: 3 },
    ]);
  });

  it('writes 10,000 rows in one statement', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      case_id: `C-${i}`,
      version: 1,
      score: i / 10,
      payload: { i },
    }));
    const runner = dataSource.createQueryRunner();
    // The statements reach the connection itself (prepared, see preparedQuery): count them there.
    const query = jest.spyOn((await runner.connect()) as { query: () => unknown }, 'query');
    try {
      const inserted = await bulkUpsert(runner.manager, { ...facts, rows });
      expect(inserted.affected).toBe(10_000);
      const updated = await bulkUpsert(runner.manager, {
        ...facts,
        rows: rows.map((row) => ({ ...row, version: 2 })),
      });
      expect(updated.affected).toBe(10_000);
      expect(query).toHaveBeenCalledTimes(2);
    } finally {
      query.mockRestore();
      await runner.release();
    }
    const [summary] = await dataSource.query(
      `SELECT count(*)::int AS n, min(version) AS v, sum((payload->>'i')::int)::int AS s FROM ${SCHEMA}.case_facts`,
    );
    expect(summary).toEqual({ n: 10_000, v: 2, s: (9_999 * 10_000) / 2 });
  });

  it('sends no query for an empty batch', async () => {
    const runner = dataSource.createQueryRunner();
    // The statements reach the connection itself (prepared, see preparedQuery): count them there.
    const query = jest.spyOn((await runner.connect()) as { query: () => unknown }, 'query');
    try {
      expect(await bulkUpsert(runner.manager, { ...facts, rows: [] })).toEqual({ affected: 0, rows: [] });
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
      await runner.release();
    }
  });

  it('joins the caller transaction and rolls back with it', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await bulkUpsert(manager, { ...facts, rows: [{ case_id: 'C-1', version: 1 }] });
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await readFacts()).toEqual([]);
  });
});

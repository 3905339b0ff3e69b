import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { TERM_CASES_SQL } from '../content-topics/content-topics.repository';
import { insightsMigrations } from './index';

/**
 * The emerging terms' evidence (TERM_CASES_SQL) reads the window's term-pool cases through the partial
 * index `case_facts_term_pool_opened`: the planner must be able to use it (its predicate implied by
 * the query's), and reading through it must find exactly what the full range of the window finds.
 */
describe('case_facts_term_pool_opened (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const parameters = [
    ['refund', 'export'],
    new Date('2026-03-01T00:00:00Z'),
    new Date('2026-03-08T00:00:00Z'),
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(
      [{ schema: 'insights', migrations: insightsMigrations }],
      database.url,
      () => undefined,
    );
    dataSource = createServiceDataSource({ url: database.url, schema: 'insights', applicationName: 'test' });
    await dataSource.initialize();
    // 3,000 cases over twelve days: a seventh in the pool (unclassified, or coded by a rule below 0.6
    // confidence), agents' low-confidence codes outside it; terms on every case.
    await dataSource.query(`
      INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
        status, issue_code, category, classification_method, confidence, opened_at, phrasing, issue_kind, terms)
      SELECT 'desk', 'C-' || i, 'E-' || i, t, 'cust-' || (i % 40), '{"id": "x", "segment": {"plan": "pro"}}',
             (ARRAY['email', 'chat'])[1 + i % 2], 'solved',
             CASE WHEN i % 14 = 0 THEN 'unclassified' ELSE 'billing.refund' END, 'billing',
             CASE WHEN i % 21 = 3 THEN 'agent' ELSE 'rules' END,
             CASE WHEN i % 14 = 7 OR i % 21 = 3 THEN 0.4 ELSE 0.9 END,
             t, 'phrasing ' || i, 'how_to',
             to_jsonb(ARRAY[(ARRAY['refund', 'export', 'login'])[1 + i % 3], 'invoice'])
      FROM generate_series(1, 3000) AS i, LATERAL (SELECT timestamptz '2026-02-26' + i * interval '6 minutes') AS o(t)`);
    await dataSource.query(`ANALYZE insights.case_facts`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rowsWith = (settings: string): Promise<Array<Record<string, unknown>>> =>
    dataSource.transaction(async (manager) => {
      await manager.query(settings);
      return manager.query(`${TERM_CASES_SQL} ORDER BY 1, 4, 5`, parameters);
    });

  it('is the path the planner can take for the window of term-pool cases', async () => {
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const lines: Array<{ 'QUERY PLAN': string }> = await manager.query(
        `EXPLAIN (COSTS OFF) ${TERM_CASES_SQL}`,
        parameters,
      );
      return lines.map((line) => line['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('case_facts_term_pool_opened');
    expect(plan).not.toContain('case_facts_opened_key');
  });

  it('finds through it exactly the cases the whole window holds', async () => {
    const throughIndex = await rowsWith('SET LOCAL enable_seqscan = off');
    const scanned = await rowsWith('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
    expect(throughIndex.length).toBeGreaterThan(50);
    expect(throughIndex).toEqual(scanned);
    expect(new Set(throughIndex.map((row) => row.term))).toEqual(new Set(['refund', 'export']));
  });
});

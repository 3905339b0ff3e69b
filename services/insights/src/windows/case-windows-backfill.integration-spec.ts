import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { ContentTopics1764400000000 } from '../migrations/1764400000000-content-topics';
import { DropRedundantCaseFactIndexes1765500000000 } from '../migrations/1765500000000-drop-redundant-case-fact-indexes';
import { SegmentPairs1765600000000 } from '../migrations/1765600000000-segment-pairs';
import { insightsMigrations } from '../migrations/index';
import { StoredCaseRow } from '../read-models/applied-batch';
import { windowDeltas, WindowRows } from './domain/window-contributions';
import { toWindowCase } from './window-case-row';

/**
 * A database with case facts written before the windows existed: the migrations must back-fill
 * `case_daily`, `group_daily` and `term_daily` with exactly what the incremental path
 * (windows/domain/window-contributions.ts) would have added for them, or the first correction of an
 * old case would take out a contribution that was never put in.
 */
describe('case windows back-fill (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const beforeWindows = insightsMigrations.slice(
      0,
      insightsMigrations.findIndex((m) => m.name === 'CaseWindows1764300000000'),
    );
    await runMigrations([{ schema: 'insights', migrations: beforeWindows }], database.url, () => undefined);
    dataSource = createServiceDataSource({ url: database.url, schema: 'insights', applicationName: 'test' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** What the incremental path would hold for every stored fact, and what the tables hold (zero rows left out). */
  async function expectedAndStored(): Promise<{ expected: Keyed; stored: Keyed }> {
    const facts: StoredCaseRow[] = await dataSource.query(`SELECT * FROM insights.case_facts`);
    const expected = keyed(windowDeltas(facts.map((fact) => ({ before: null, after: toWindowCase(fact) }))));
    const stored: Keyed = {};
    const read = async (table: string, keys: string[], counts: string[]) => {
      const rows: Array<Record<string, unknown>> = await dataSource.query(
        `SELECT ${[...keys.map((k) => (k === 'day' ? 'day::text AS day' : k)), ...counts].join(', ')} FROM insights.${table}`,
      );
      for (const row of rows) {
        const values = counts.map((c) => Number(row[c]));
        if (values.some((v) => v !== 0)) stored[`${table} ${keys.map((k) => row[k]).join(' ')}`] = values;
      }
    };
    await read(
      'case_daily',
      ['group_kind', 'group_value', 'issue_code', 'channel', 'day'],
      ['cases', 'how_to_cases', 'escalated_cases', 'reopened_cases', 'negative_tone_cases'],
    );
    await read('term_daily', ['term', 'day'], ['cases', 'how_to_cases']);
    await read('group_daily', ['group_kind', 'group_value', 'day'], ['cases', 'how_to_cases', 'pool_cases']);
    return { expected, stored };
  }

  it('back-fills the windows of existing cases', async () => {
    await dataSource.query(`
      INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
        status, issue_code, category, classification_method, confidence, opened_at, escalated, reopen_count, tone)
      VALUES
        ('z', 'C1', 'e1', '2026-11-02T10:00:00Z', 'cust-1',
         '{"segment":{"industry":"retail","plan":"","region":7,"role":"admin"}}', 'chat', 'solved',
         'billing.invoice', 'billing', 'rules', 0.9, '2026-11-02T23:59:59Z', true, 2, 'negative'),
        ('z', 'C2', 'e2', '2026-11-03T10:00:00Z', 'cust-1', '{"segment":"retail"}', 'email', 'open',
         'unclassified', 'unclassified', 'unclassified', 0.2, '2026-11-03T01:00:00+02:00', NULL, NULL, NULL),
        ('z', 'C3', 'e3', '2026-11-03T10:00:00Z', 'cust-2', '{}', 'chat', 'open',
         'billing.invoice', 'billing', 'agent', 0.1, '2026-11-03T08:00:00Z', false, 0, 'positive')`);

    await runMigrations(
      [{ schema: 'insights', migrations: insightsMigrations }],
      database.url,
      () => undefined,
    );

    const { expected, stored } = await expectedAndStored();
    expect(stored).toEqual(expected);
    // C2 was opened at 2026-11-02T23:00Z; C1 counts in its segments, not in the empty or numeric ones.
    expect(
      Object.keys(stored)
        .filter((k) => k.startsWith('case_daily'))
        .sort(),
    ).toEqual([
      'case_daily none all billing.invoice chat 2026-11-02',
      'case_daily none all billing.invoice chat 2026-11-03',
      'case_daily none all unclassified email 2026-11-02',
      'case_daily segment.industry retail billing.invoice chat 2026-11-02',
      'case_daily segment.industry+role ["retail","admin"] billing.invoice chat 2026-11-02',
      'case_daily segment.role admin billing.invoice chat 2026-11-02',
    ]);
    expect(stored['case_daily none all billing.invoice chat 2026-11-02']).toEqual([1, 0, 1, 1, 1]);
    expect(stored['group_daily none all 2026-11-02']).toEqual([2, 0, 1]); // C2 is in the term pool
  });

  it('back-fills the term windows of the term pool, and the same again after a revert', async () => {
    // Facts the classifier now describes: kinds, phrasings and terms (C3 is agent-coded: no pool).
    await dataSource.query(`
      UPDATE insights.case_facts SET issue_kind = 'how_to', terms = '["export", "pdf", "export", "export pdf", 3]'
      WHERE case_id IN ('C2', 'C3')`);
    const migration = new ContentTopics1764400000000();
    // Later migrations dropped one of this migration's indexes and added the segment pairs' rows:
    // revert them first and apply them again after, as a revert would.
    const laterIndexes = new DropRedundantCaseFactIndexes1765500000000();
    const segmentPairs = new SegmentPairs1765600000000();
    const queryRunner = dataSource.createQueryRunner();
    try {
      await segmentPairs.down(queryRunner);
      await laterIndexes.down(queryRunner);
      await migration.down(queryRunner);
      await migration.up(queryRunner);
      await laterIndexes.up(queryRunner);
      await segmentPairs.up(queryRunner);
    } finally {
      await queryRunner.release();
    }
    const { expected, stored } = await expectedAndStored();
    // case_daily's single-attribute rows were back-filled before the kinds were known; the rest now are.
    const only = (prefix: string, keyedRows: Keyed) =>
      Object.fromEntries(Object.entries(keyedRows).filter(([k]) => !k.startsWith(prefix)));
    expect(only('case_daily', stored)).toEqual(only('case_daily', expected));
    expect(
      Object.keys(stored)
        .filter((k) => k.startsWith('term_daily'))
        .sort(),
    ).toEqual([
      'term_daily export 2026-11-02',
      'term_daily export pdf 2026-11-02',
      'term_daily pdf 2026-11-02',
    ]);
    expect(stored['term_daily export 2026-11-02']).toEqual([1, 1]);
    expect(stored['group_daily none all 2026-11-03']).toEqual([1, 1, 0]);
  });
});

type Keyed = Record<string, number[]>;

function keyed(rows: WindowRows): Keyed {
  const out: Keyed = {};
  const put = (key: string, values: number[]) => {
    if (values.some((v) => v !== 0)) out[key] = values;
  };
  for (const r of rows.caseDaily) {
    put(`case_daily ${r.groupKind} ${r.groupValue} ${r.issueCode} ${r.channel} ${r.day}`, [
      r.cases,
      r.howToCases,
      r.escalatedCases,
      r.reopenedCases,
      r.negativeToneCases,
    ]);
  }
  for (const r of rows.termDaily) put(`term_daily ${r.term} ${r.day}`, [r.cases, r.howToCases]);
  for (const r of rows.groupDaily) {
    put(`group_daily ${r.groupKind} ${r.groupValue} ${r.day}`, [r.cases, r.howToCases, r.poolCases]);
  }
  return out;
}

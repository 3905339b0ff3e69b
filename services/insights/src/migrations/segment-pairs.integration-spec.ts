import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { StoredCaseRow } from '../read-models/applied-batch';
import { rollupRowsOf } from '../satisfaction/domain/response-contribution';
import { SATISFACTION_MEASURES } from '../satisfaction/domain/satisfaction-measures';
import { measureColumn } from '../satisfaction/satisfaction-rollup.repository';
import {
  STORED_RESPONSE_COLUMNS,
  StoredResponseRow,
  toSatisfactionResponse,
} from '../satisfaction/stored-response';
import { windowDeltas } from '../windows/domain/window-contributions';
import { toWindowCase } from '../windows/window-case-row';
import { SegmentPairs1765600000000 } from './1765600000000-segment-pairs';
import { insightsMigrations } from './index';

/**
 * A database with facts stored before the segment pairs existed: the migration must back-fill each
 * pair's rows in `case_daily`, `group_daily` and `satisfaction_daily` with exactly what the incremental
 * path adds (the same group value, byte for byte, whatever the values hold), or the first correction
 * of an old case or answer would take out a contribution that was never put in.
 */
describe('SegmentPairs migration (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const PAIR = /^segment\.[a-zA-Z]+\+[a-zA-Z]+$/;

  beforeAll(async () => {
    database = await createTestDatabase();
    const before = insightsMigrations.slice(
      0,
      insightsMigrations.findIndex((m) => m.name === 'SegmentPairs1765600000000'),
    );
    await runMigrations([{ schema: 'insights', migrations: before }], database.url, () => undefined);
    dataSource = createServiceDataSource({ url: database.url, schema: 'insights', applicationName: 'test' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** What the incremental path adds for the stored facts' pairs, and what the tables hold for them. */
  async function pairRows(): Promise<{ expected: Keyed; stored: Keyed }> {
    const cases: StoredCaseRow[] = await dataSource.query(`SELECT * FROM insights.case_facts`);
    const windows = windowDeltas(cases.map((fact) => ({ before: null, after: toWindowCase(fact) })));
    const responses: StoredResponseRow[] = await dataSource.query(
      `SELECT ${STORED_RESPONSE_COLUMNS.join(', ')} FROM insights.survey_facts`,
    );
    const expected: Keyed = {};
    const add = (key: string, values: number[]) => {
      const sum = expected[key] ?? values.map(() => 0);
      expected[key] = sum.map((v, i) => v + values[i]);
    };
    for (const r of windows.caseDaily.filter((row) => PAIR.test(row.groupKind))) {
      add(`case_daily ${r.groupKind} ${r.groupValue} ${r.issueCode} ${r.channel} ${r.day}`, [
        r.cases,
        r.howToCases,
        r.escalatedCases,
        r.reopenedCases,
        r.negativeToneCases,
      ]);
    }
    for (const r of windows.groupDaily.filter((row) => PAIR.test(row.groupKind))) {
      add(`group_daily ${r.groupKind} ${r.groupValue} ${r.day}`, [r.cases, r.howToCases, r.poolCases]);
    }
    for (const r of responses.flatMap((fact) => rollupRowsOf(toSatisfactionResponse(fact)))) {
      if (!PAIR.test(r.groupKind)) continue;
      add(
        `satisfaction_daily ${r.groupKind} ${r.groupValue} ${r.day}`,
        SATISFACTION_MEASURES.map((m) => r.measures[m]),
      );
    }

    const stored: Keyed = {};
    const read = async (table: string, keys: string[], counts: string[]) => {
      const rows: Array<Record<string, unknown>> = await dataSource.query(
        `SELECT ${[...keys.map((k) => (k === 'day' ? 'day::text AS day' : k)), ...counts].join(', ')}
         FROM insights.${table} WHERE group_kind ~ '^segment\\.[a-zA-Z]+\\+[a-zA-Z]+$'`,
      );
      for (const row of rows)
        stored[`${table} ${keys.map((k) => row[k]).join(' ')}`] = counts.map((c) => Number(row[c]));
    };
    await read(
      'case_daily',
      ['group_kind', 'group_value', 'issue_code', 'channel', 'day'],
      ['cases', 'how_to_cases', 'escalated_cases', 'reopened_cases', 'negative_tone_cases'],
    );
    await read('group_daily', ['group_kind', 'group_value', 'day'], ['cases', 'how_to_cases', 'pool_cases']);
    await read(
      'satisfaction_daily',
      ['group_kind', 'group_value', 'day'],
      SATISFACTION_MEASURES.map(measureColumn),
    );
    return { expected, stored };
  }

  it('back-fills every pair of the stored cases and answers, values of any characters included', async () => {
    await dataSource.query(`
      INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
        status, issue_code, category, classification_method, confidence, opened_at, escalated, reopen_count,
        tone, issue_kind)
      VALUES
        ('z', 'C1', 'e1', '2026-11-02T10:00:00Z', 'cust-1',
         '{"segment":{"industry":"retail","companySize":"51-200","role":"store \\"manager\\""}}', 'chat',
         'solved', 'billing.bulk_import', 'billing', 'rules', 0.9, '2026-11-02T23:59:59Z', true, 2, 'negative',
         'how_to'),
        ('z', 'C2', 'e2', '2026-11-03T10:00:00Z', 'cust-1',
         '{"segment":{"industry":"retail","companySize":"51-200"}}', 'email', 'open',
         'unclassified', 'unclassified', 'unclassified', 0.2, '2026-11-03T01:00:00+02:00', NULL, NULL, NULL,
         NULL),
        ('z', 'C3', 'e3', '2026-11-03T10:00:00Z', 'cust-2',
         '{"segment":{"industry":"a+b\\\\c\\nd\\u0001é✓","companySize":"","role":"ops"}}', 'chat', 'open',
         'billing.invoice', 'billing', 'agent', 0.1, '2026-11-03T08:00:00Z', false, 0, 'positive', NULL),
        ('z', 'C4', 'e4', '2026-11-03T10:00:00Z', 'cust-3',
         '{"segment":{"industry":7,"companySize":"1-10","role":"owner"}}', 'chat', 'open',
         'billing.invoice', 'billing', 'rules', 0.9, '2026-11-03T08:00:00Z', false, 0, NULL, NULL)`);
    await dataSource.query(`
      INSERT INTO insights.survey_facts (source, response_id, event_id, event_time, customer_id, customer, kind,
        case_id, channel, responded_at, csat, csat_satisfied, nps, nps_category, ces, scoring_config_version,
        scores)
      VALUES
        ('q', 'R1', 'e5', '2026-11-02T10:00:00Z', 'cust-1',
         '{"segment":{"industry":"retail","companySize":"51-200"}}', 'transactional', 'C1', 'chat',
         '2026-11-02T23:59:59.999Z', 5, true, 10, 'promoter', 6, 1,
         '{"csat": 5, "csatSatisfied": true, "nps": 10, "npsCategory": "promoter", "ces": 6}'),
        ('q', 'R2', 'e6', '2026-11-02T10:00:00Z', 'cust-1',
         '{"segment":{"industry":"retail","companySize":"51-200"}}', 'transactional', 'C2', 'email',
         '2026-11-02T12:00:00Z', 3, NULL, 6, NULL, NULL, 1, '{"csat": 3, "nps": 6}'),
        ('q', 'R3', 'e7', '2026-11-02T10:00:00Z', 'cust-2',
         '{"segment":{"industry":"a+b\\\\c\\nd\\u0001é✓","role":"ops"}}', 'image', NULL, NULL,
         '2026-11-03T08:00:00+02:00', NULL, NULL, 8, NULL, 2, 1, '{"nps": 8, "ces": 2}')`);

    await runMigrations(
      [{ schema: 'insights', migrations: insightsMigrations }],
      database.url,
      () => undefined,
    );

    const { expected, stored } = await pairRows();
    expect(stored).toEqual(expected);
    expect(Object.keys(stored).sort()).toEqual([
      'case_daily segment.industry+companySize ["retail","51-200"] billing.bulk_import chat 2026-11-02',
      'case_daily segment.industry+companySize ["retail","51-200"] unclassified email 2026-11-02',
      'case_daily segment.industry+role ["a+b\\\\c\\nd\\u0001é✓","ops"] billing.invoice chat 2026-11-03',
      'case_daily segment.industry+role ["retail","store \\"manager\\""] billing.bulk_import chat 2026-11-02',
      'group_daily segment.industry+companySize ["retail","51-200"] 2026-11-02',
      'group_daily segment.industry+role ["a+b\\\\c\\nd\\u0001é✓","ops"] 2026-11-03',
      'group_daily segment.industry+role ["retail","store \\"manager\\""] 2026-11-02',
      'satisfaction_daily segment.industry+companySize ["retail","51-200"] 2026-11-02',
      'satisfaction_daily segment.industry+role ["a+b\\\\c\\nd\\u0001é✓","ops"] 2026-11-03',
    ]);
    // C1 (how-to, escalated, reopened, negative) and C2 (term pool): both on 2026-11-02 in UTC.
    expect(stored['group_daily segment.industry+companySize ["retail","51-200"] 2026-11-02']).toEqual([
      2, 1, 1,
    ]);
  });

  it('reverts to no pair rows, and back-fills the same rows again', async () => {
    const { stored: before } = await pairRows();
    const migration = new SegmentPairs1765600000000();
    const queryRunner = dataSource.createQueryRunner();
    try {
      await migration.down(queryRunner);
      expect((await pairRows()).stored).toEqual({});
      await migration.up(queryRunner);
    } finally {
      await queryRunner.release();
    }
    expect((await pairRows()).stored).toEqual(before);
  });
});

type Keyed = Record<string, number[]>;

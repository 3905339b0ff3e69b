import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { rollupRowsOf } from '../satisfaction/domain/response-contribution';
import { SATISFACTION_MEASURES } from '../satisfaction/domain/satisfaction-measures';
import { measureColumn } from '../satisfaction/satisfaction-rollup.repository';
import {
  STORED_RESPONSE_COLUMNS,
  StoredResponseRow,
  toSatisfactionResponse,
} from '../satisfaction/stored-response';
import { CreateInsightsSchema1763900000000 } from './1763900000000-create-insights-schema';
import { SatisfactionRollups1764000000000 } from './1764000000000-satisfaction-rollups';
import { insightsMigrations } from './index';

/**
 * A database with survey facts written before the rollup existed: the migration must back-fill
 * `satisfaction_daily` with exactly what the incremental path would have added for them, or the first
 * correction of an old response would take out a contribution that was never put in.
 */
describe('SatisfactionRollups migration (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(
      [{ schema: 'insights', migrations: [CreateInsightsSchema1763900000000] }],
      database.url,
      () => undefined,
    );
    dataSource = createServiceDataSource({ url: database.url, schema: 'insights', applicationName: 'test' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('back-fills the scores, the case links and the rollup of existing responses', async () => {
    await dataSource.query(`
      INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
        status, issue_code, category, classification_method, confidence, agent_id, opened_at)
      VALUES
        ('zendesk', 'C1', 'e1', '2026-11-02T09:00:00Z', 'cust-1', '{}', 'chat', 'solved', 'billing.invoice',
         'billing', 'rules', 0.9, 'agent-7', '2026-11-02T08:00:00Z'),
        -- the same case id from another source, newer: it is the one responses link to
        ('freshdesk', 'C1', 'e2', '2026-11-02T10:00:00Z', 'cust-1', '{}', 'chat', 'solved', 'billing.refund',
         'billing', 'rules', 0.9, NULL, '2026-11-02T08:00:00Z')`);
    await dataSource.query(`
      INSERT INTO insights.survey_facts (source, response_id, event_id, event_time, customer_id, customer, kind,
        case_id, channel, responded_at, csat, csat_satisfied, nps, nps_category, ces, scoring_config_version)
      VALUES
        ('q', 'R1', 'e3', '2026-11-02T10:00:00Z', 'cust-1', '{"segment":{"industry":"retail","plan":""}}',
         'transactional', 'C1', 'chat', '2026-11-02T23:59:59.999Z', 5, true, 10, 'promoter', 6, 1),
        ('q', 'R2', 'e4', '2026-11-02T10:00:00Z', 'cust-2', '{"segment":{}}',
         'transactional', 'C9', 'email', '2026-11-03T00:00:00Z', 3, false, 7, 'passive', NULL, 1),
        ('q', 'R3', 'e5', '2026-11-02T10:00:00Z', 'cust-3', '{}',
         'image', 'C1', NULL, '2026-11-03T08:00:00+02:00', NULL, NULL, 0, 'detractor', 2, 1)`);

    await runMigrations(
      [{ schema: 'insights', migrations: insightsMigrations }],
      database.url,
      () => undefined,
    );

    const facts: StoredResponseRow[] = await dataSource.query(
      `SELECT ${STORED_RESPONSE_COLUMNS.join(', ')} FROM insights.survey_facts ORDER BY response_id`,
    );
    expect(facts.map((f) => [f.response_id, f.issue_code, f.agent_id, f.scores])).toEqual([
      [
        'R1',
        'billing.refund',
        null,
        { csat: 5, csatSatisfied: true, nps: 10, npsCategory: 'promoter', ces: 6 },
      ],
      ['R2', null, null, { csat: 3, csatSatisfied: false, nps: 7, npsCategory: 'passive' }],
      ['R3', null, null, { nps: 0, npsCategory: 'detractor', ces: 2 }], // an image survey links to no case
    ]);

    const expected: Record<string, number[]> = {};
    for (const row of facts.flatMap((fact) => rollupRowsOf(toSatisfactionResponse(fact)))) {
      const key = `${row.day} ${row.groupKind}=${row.groupValue}`;
      const sum = expected[key] ?? SATISFACTION_MEASURES.map(() => 0);
      expected[key] = sum.map((value, i) => value + row.measures[SATISFACTION_MEASURES[i]]);
    }
    const stored: Array<Record<string, string>> = await dataSource.query(
      `SELECT day::text AS day, group_kind, group_value, ${SATISFACTION_MEASURES.map(measureColumn).join(', ')}
       FROM insights.satisfaction_daily`,
    );
    expect(
      Object.fromEntries(
        stored.map((row) => [
          `${row.day} ${row.group_kind}=${row.group_value}`,
          SATISFACTION_MEASURES.map((m) => Number(row[measureColumn(m)])),
        ]),
      ),
    ).toEqual(expected);
    expect(Object.keys(expected).sort()).toEqual([
      '2026-11-02 channel=chat',
      '2026-11-02 issueCode=billing.refund',
      '2026-11-02 none=all',
      '2026-11-02 segment.industry=retail',
      '2026-11-03 channel=email',
      '2026-11-03 none=all',
    ]);
  });

  it('reverts, and back-fills the same rollup again', async () => {
    const read = () =>
      dataSource.query(`SELECT * FROM insights.satisfaction_daily ORDER BY group_kind, day, group_value`);
    const before: Array<Record<string, unknown>> = await read();
    const migration = new SatisfactionRollups1764000000000();
    const queryRunner = dataSource.createQueryRunner();
    try {
      await migration.down(queryRunner);
      const columns: unknown[] = await queryRunner.query(
        `SELECT 1 FROM information_schema.columns WHERE table_schema = 'insights' AND table_name = 'survey_facts'
           AND column_name IN ('scores', 'issue_code', 'agent_id')`,
      );
      expect(columns).toEqual([]);
      await migration.up(queryRunner);
    } finally {
      await queryRunner.release();
    }
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ updated_at: _, ...row }) => row);
    expect(strip(await read())).toEqual(strip(before));
  });
});

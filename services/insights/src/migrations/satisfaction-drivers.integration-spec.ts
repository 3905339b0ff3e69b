import { createServiceDataSource, runMigrations } from '@supportlens/persistence';
import { createTestDatabase, TestDatabase } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { DRIVER_COUNTS, driverRowsOf } from '../drivers/domain/driver-rollup';
import { rollupRowsOf } from '../satisfaction/domain/response-contribution';
import { SATISFACTION_MEASURES } from '../satisfaction/domain/satisfaction-measures';
import { measureColumn, SatisfactionRollupRepository } from '../satisfaction/satisfaction-rollup.repository';
import {
  STORED_RESPONSE_COLUMNS,
  StoredResponseRow,
  toSatisfactionResponse,
} from '../satisfaction/stored-response';
import { SatisfactionDrivers1764700000000 } from './1764700000000-satisfaction-drivers';
import { insightsMigrations } from './index';

const UP_TO_DRIVERS = insightsMigrations.slice(
  0,
  insightsMigrations.indexOf(SatisfactionDrivers1764700000000) + 1,
);
const BEFORE_DRIVERS = UP_TO_DRIVERS.slice(0, -1);

/**
 * Survey facts stored before the drivers existed (with every score, ratings included): the migration
 * must add the rating groups to `satisfaction_daily` and fill `satisfaction_driver_daily` with exactly
 * what the incremental path (rollupRowsOf, driverRowsOf) would have added for them, or the first
 * correction of an old response would take out a contribution that was never put in.
 */
describe('SatisfactionDrivers migration (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations([{ schema: 'insights', migrations: BEFORE_DRIVERS }], database.url, () => undefined);
    dataSource = createServiceDataSource({ url: database.url, schema: 'insights', applicationName: 'test' });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const servqual = {
    // reliability twice: the code keeps the last gap and counts the dimension once
    dimensions: [
      { dimension: 'reliability', gap: -1.25, expectation: 6, perception: 4.75, items: 1, weight: 32 },
      { dimension: 'empathy', gap: 0.5, expectation: 5, perception: 5.5, items: 1, weight: 16 },
      { dimension: 'reliability', gap: -0.75, expectation: 6, perception: 5.25, items: 1, weight: 32 },
    ],
    missingDimensions: [],
    weightSource: 'config',
    weightedGap: -0.30000000000000004,
    qualityIndex: 47.5,
    level: 'dissatisfied',
  };

  const facts: Array<{
    id: string;
    customer: object;
    channel: string | null;
    at: string;
    scores: object;
    issue?: string;
  }> = [
    {
      id: 'R1',
      customer: { segment: { industry: 'retail', plan: '', region: 7 } }, // empty and non-string values: no group
      channel: 'chat',
      at: '2026-11-02T23:59:59.999Z',
      issue: 'billing.refund',
      scores: {
        csat: 2,
        csatSatisfied: false,
        nps: 8,
        npsCategory: 'detractor', // the scorer's category wins over the cut-off
        ces: 3,
        ratings: { speedOfResolution: 1, completenessOfResolution: 3, professionalism: 5 },
        servqual,
        satisfactionIndex: 41.7,
        benchmark: { industry: 'retail', index: 76.1 },
      },
    },
    {
      id: 'R2',
      customer: { segment: { industry: 'retail' } },
      channel: 'chat',
      at: '2026-11-02T10:00:00Z',
      issue: 'billing.refund',
      scores: {
        csat: 5,
        nps: 10,
        ratings: { speedOfResolution: 2, overallExperience: 4 },
        satisfactionIndex: 90,
      },
    },
    {
      id: 'R3',
      customer: {},
      channel: null,
      at: '2026-11-03T01:00:00+02:00', // 23:00 UTC: the UTC day is 2 November
      scores: { nps: 0, ces: 7, cesLowEffort: false, ratings: { overallExperience: 3 } },
    },
    {
      id: 'R4',
      customer: { segment: { role: 'admin' } },
      channel: 'email',
      at: '2026-11-04T12:00:00Z',
      scores: { csat: 4 }, // no rating: no rating group
    },
  ];

  it('back-fills the rating groups and the driver rollup exactly as the incremental path would', async () => {
    for (const f of facts) {
      await dataSource.query(
        `INSERT INTO insights.survey_facts (source, response_id, event_id, event_time, customer_id, customer, kind,
           case_id, channel, responded_at, scoring_config_version, scores, issue_code)
         VALUES ('q', $1, $1, $2, 'cust', $3, 'transactional', NULL, $4, $2, 1, $5, $6)`,
        [f.id, f.at, JSON.stringify(f.customer), f.channel, JSON.stringify(f.scores), f.issue ?? null],
      );
    }
    const stored: StoredResponseRow[] = await dataSource.query(
      `SELECT ${STORED_RESPONSE_COLUMNS.join(', ')} FROM insights.survey_facts`,
    );
    const responses = stored.map(toSatisfactionResponse);
    // What the code before this migration kept for them: every group but the ratings.
    await new SatisfactionRollupRepository().applyDeltas(
      dataSource.manager,
      responses.flatMap(rollupRowsOf).filter((row) => !row.groupKind.startsWith('rating.')),
    );

    await runMigrations([{ schema: 'insights', migrations: UP_TO_DRIVERS }], database.url, () => undefined);

    // satisfaction_daily now holds every group of every response, the rating groups included.
    const expected: Record<string, number[]> = {};
    for (const row of responses.flatMap(rollupRowsOf)) {
      const k = `${row.day} ${row.groupKind}=${row.groupValue}`;
      const sum = expected[k] ?? SATISFACTION_MEASURES.map(() => 0);
      expected[k] = sum.map((value, i) => value + row.measures[SATISFACTION_MEASURES[i]]);
    }
    const rollup: Array<Record<string, string>> = await dataSource.query(
      `SELECT day::text AS day, group_kind, group_value, ${SATISFACTION_MEASURES.map(measureColumn).join(', ')}
       FROM insights.satisfaction_daily`,
    );
    expect(
      Object.fromEntries(
        rollup.map((row) => [
          `${row.day} ${row.group_kind}=${row.group_value}`,
          SATISFACTION_MEASURES.map((m) => Number(row[measureColumn(m)])),
        ]),
      ),
    ).toEqual(expected);
    expect(
      Object.keys(expected)
        .filter((k) => k.includes(' rating.'))
        .sort(),
    ).toEqual([
      '2026-11-02 rating.completenessOfResolution=mid',
      '2026-11-02 rating.overallExperience=high',
      '2026-11-02 rating.overallExperience=mid',
      '2026-11-02 rating.professionalism=high',
      '2026-11-02 rating.speedOfResolution=low',
    ]);
    // R1's SERVQUAL travelled with it: reliability once with its last gap, the weighted gap exactly.
    const speedLow = expected['2026-11-02 rating.speedOfResolution=low'];
    const measure = (name: (typeof SATISFACTION_MEASURES)[number]) =>
      speedLow[SATISFACTION_MEASURES.indexOf(name)];
    expect([measure('responses'), measure('reliabilityResponses'), measure('reliabilityGapSum')]).toEqual([
      2, 1, -0.75,
    ]);
    expect(measure('weightedGapSum')).toBe(-0.30000000000000004);

    // satisfaction_driver_daily: every (slice, theme) of every response.
    const expectedDrivers: Record<string, number[]> = {};
    for (const row of responses.flatMap(driverRowsOf)) {
      const k = `${row.sliceKind}=${row.sliceValue} ${row.day} ${row.themeKind}=${row.themeValue}`;
      const sum = expectedDrivers[k] ?? DRIVER_COUNTS.map(() => 0);
      expectedDrivers[k] = sum.map((value, i) => value + row.counts[DRIVER_COUNTS[i]]);
    }
    const driverRows: Array<Record<string, string>> = await dataSource.query(
      `SELECT slice_kind, slice_value, day::text AS day, theme_kind, theme_value,
              ${DRIVER_COUNTS.map(measureColumn).join(', ')}
       FROM insights.satisfaction_driver_daily`,
    );
    expect(
      Object.fromEntries(
        driverRows.map((row) => [
          `${row.slice_kind}=${row.slice_value} ${row.day} ${row.theme_kind}=${row.theme_value}`,
          DRIVER_COUNTS.map((c) => Number(row[measureColumn(c)])),
        ]),
      ),
    ).toEqual(expectedDrivers);
    // Spot checks of the expectation itself: R1 and R2 both in retail × billing.refund on 2 November;
    // R1 a detractor by the scorer's category (NPS 8), R2 a promoter; one of two satisfied.
    expect(expectedDrivers['segment.industry=retail 2026-11-02 issueCode=billing.refund']).toEqual([
      2, 2, 1, 2, 1, 0, 1,
    ]);
    expect(expectedDrivers['none=all 2026-11-02 none=all']).toEqual([3, 2, 1, 3, 1, 0, 2]);
    expect(
      Object.keys(expectedDrivers).filter(
        (k) => k.startsWith('segment.plan') || k.startsWith('segment.region'),
      ),
    ).toEqual([]);
    expect(driverRows).toHaveLength(Object.keys(expectedDrivers).length);
  });

  it('reverts, and back-fills the same rows again', async () => {
    const OTHER_GROUPS = `SELECT * FROM insights.satisfaction_daily WHERE group_kind NOT LIKE 'rating.%'
                          ORDER BY group_kind, day, group_value`;
    const read = async () => ({
      others: await dataSource.query(OTHER_GROUPS),
      ratings: await dataSource.query(
        `SELECT * FROM insights.satisfaction_daily WHERE group_kind LIKE 'rating.%' ORDER BY group_kind, day, group_value`,
      ),
      drivers: await dataSource.query(
        `SELECT * FROM insights.satisfaction_driver_daily
         ORDER BY slice_kind, slice_value, day, theme_kind, theme_value`,
      ),
    });
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ updated_at: _, ...row }) => row);
    const before = await read();
    const migration = new SatisfactionDrivers1764700000000();
    const queryRunner = dataSource.createQueryRunner();
    try {
      await migration.down(queryRunner);
      expect(
        await queryRunner.query(
          `SELECT 1 FROM insights.satisfaction_daily WHERE group_kind LIKE 'rating.%'
           UNION ALL SELECT 1 FROM information_schema.tables
           WHERE table_schema = 'insights' AND table_name = 'satisfaction_driver_daily'`,
        ),
      ).toEqual([]);
      // The groups the rollup had before are untouched.
      expect(strip(await queryRunner.query(OTHER_GROUPS))).toEqual(strip(before.others));
      await migration.up(queryRunner);
    } finally {
      await queryRunner.release();
    }
    const after = await read();
    expect(strip(after.ratings)).toEqual(strip(before.ratings));
    expect(strip(after.drivers)).toEqual(strip(before.drivers));
    expect(strip(after.others)).toEqual(strip(before.others));
    expect(before.drivers.length).toBeGreaterThan(0);
    expect(before.others.length).toBeGreaterThan(0);
  });
});

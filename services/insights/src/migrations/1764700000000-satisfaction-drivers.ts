import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction drivers (see services/insights/docs/satisfaction-drivers.md):
 * - `satisfaction_daily` gains the topic-rating groups (`rating.<topic>` = `low` 1–2 | `mid` 3 |
 *   `high` 4–5);
 * - `satisfaction_driver_daily` holds CSAT and NPS counts per day × slice (all, a segment attribute, a
 *   channel) × theme (all, an issue code, a rating bucket), so a driver's "with" and "without" are
 *   two rows and a subtraction, for the whole base or one slice.
 * Both are back-filled from the stored facts with the rules of the incremental path
 * (satisfaction/domain/response-contribution.ts, drivers/domain/driver-rollup.ts), copied here as SQL
 * so this migration keeps meaning what it meant when it ran.
 */
export class SatisfactionDrivers1764700000000 implements MigrationInterface {
  name = 'SatisfactionDrivers1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.satisfaction_driver_daily (
        slice_kind      text    NOT NULL,
        slice_value     text    NOT NULL,
        day             date    NOT NULL,
        theme_kind      text    NOT NULL,
        theme_value     text    NOT NULL,
        responses       integer NOT NULL DEFAULT 0,
        csat_responses  integer NOT NULL DEFAULT 0,
        csat_satisfied  integer NOT NULL DEFAULT 0,
        nps_responses   integer NOT NULL DEFAULT 0,
        nps_promoters   integer NOT NULL DEFAULT 0,
        nps_passives    integer NOT NULL DEFAULT 0,
        nps_detractors  integer NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (slice_kind, slice_value, day, theme_kind, theme_value)
      )`);

    // Rating groups: every measure, as contributionOf adds it.
    await queryRunner.query(`
      WITH ${CONTRIBUTIONS_CTE}
      INSERT INTO insights.satisfaction_daily (group_kind, day, group_value, ${MEASURE_COLUMNS.join(', ')})
      SELECT g.kind, c.day, g.value, ${MEASURE_COLUMNS.map((column) => `sum(c.${column})`).join(', ')}
      FROM contributions c
      CROSS JOIN LATERAL (VALUES ${RATING_GROUPS}) AS g(kind, value)
      WHERE g.value IS NOT NULL
      GROUP BY g.kind, c.day, g.value`);

    await queryRunner.query(`
      WITH ${CONTRIBUTIONS_CTE}
      INSERT INTO insights.satisfaction_driver_daily
        (slice_kind, slice_value, day, theme_kind, theme_value, ${DRIVER_COLUMNS.join(', ')})
      SELECT s.kind, s.value, c.day, t.kind, t.value, ${DRIVER_COLUMNS.map((column) => `sum(c.${column})`).join(', ')}
      FROM contributions c
      CROSS JOIN LATERAL (VALUES
        ('none', 'all'),
        ${SEGMENT_ATTRIBUTES.map((a) => `('segment.${a}', ${segmentValue(a)})`).join(',\n        ')},
        ('channel', c.channel)
      ) AS s(kind, value)
      CROSS JOIN LATERAL (VALUES ('none', 'all'), ('issueCode', c.issue_code), ${RATING_GROUPS}) AS t(kind, value)
      WHERE s.value <> '' AND t.value <> ''
      GROUP BY s.kind, s.value, c.day, t.kind, t.value`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.satisfaction_driver_daily`);
    await queryRunner.query(`DELETE FROM insights.satisfaction_daily WHERE group_kind LIKE 'rating.%'`);
  }
}

// Frozen copies of the code's lists as they were when this migration was written.
const RATING_TOPICS = [
  'overallExperience',
  'speedOfResolution',
  'completenessOfResolution',
  'representativeKnowledge',
  'professionalism',
];
const DIMENSIONS = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'];
const SEGMENT_ATTRIBUTES = ['industry', 'plan', 'region', 'companySize', 'role'];

const DRIVER_COLUMNS = [
  'responses',
  'csat_responses',
  'csat_satisfied',
  'nps_responses',
  'nps_promoters',
  'nps_passives',
  'nps_detractors',
];

const MEASURE_COLUMNS = [
  ...DRIVER_COLUMNS,
  'csat_sum',
  'ces_responses',
  'ces_sum',
  'ces_low_effort',
  'servqual_responses',
  'weighted_gap_sum',
  'quality_index_sum',
  'level_dissatisfied',
  'level_satisfied',
  'level_delighted',
  ...DIMENSIONS.flatMap((d) => [`${d}_responses`, `${d}_gap_sum`]),
  'satisfaction_index_responses',
  'satisfaction_index_sum',
  'benchmark_responses',
  'benchmark_index_sum',
  'benchmark_satisfaction_index_sum',
];

/** A JSON value that is a number, as numeric (jsonb keeps the literal, so the value is exact); else NULL. */
function jsonNumber(path: string): string {
  return `CASE WHEN jsonb_typeof(${path}) = 'number' THEN (${path})::text::numeric END`;
}

/** A segment attribute of the response's customer snapshot, when it is a string (toSatisfactionResponse). */
function segmentValue(attribute: string): string {
  return `CASE WHEN jsonb_typeof(c.segment -> '${attribute}') = 'string' THEN c.segment ->> '${attribute}' END`;
}

/** ratingBucket(): ≤ 2 low, < 4 mid, else high; NULL when the topic was not rated. */
const RATING_GROUPS = RATING_TOPICS.map((topic) => {
  const rating = jsonNumber(`c.scores -> 'ratings' -> '${topic}'`);
  return `('rating.${topic}', CASE WHEN ${rating} <= 2 THEN 'low' WHEN ${rating} < 4 THEN 'mid' WHEN ${rating} IS NOT NULL THEN 'high' END)`;
}).join(', ');

/**
 * One row per stored response: its UTC day, its groups' values and its contribution to every measure
 * (contributionOf: absent answers add nothing; the scorer's top-2-box, NPS category and low effort
 * when it sent them, else the standard cut-offs). Rows written before the rollup existed hold only
 * CSAT, NPS and CES in `scores`, so they have no rating and add none.
 */
const CONTRIBUTIONS_CTE = `
  facts AS (
    SELECT (responded_at AT TIME ZONE 'UTC')::date AS day, customer -> 'segment' AS segment, channel,
           issue_code, scores,
           ${jsonNumber(`scores -> 'csat'`)} AS csat,
           ${jsonNumber(`scores -> 'nps'`)} AS nps,
           ${jsonNumber(`scores -> 'ces'`)} AS ces,
           CASE WHEN jsonb_typeof(scores -> 'servqual') = 'object' THEN scores -> 'servqual' END AS servqual,
           ${jsonNumber(`scores -> 'satisfactionIndex'`)} AS satisfaction_index,
           ${jsonNumber(`scores -> 'benchmark' -> 'index'`)} AS benchmark_index
    FROM insights.survey_facts
  ),
  contributions AS (
    SELECT f.day, f.segment, f.channel, f.issue_code, f.scores,
           1 AS responses,
           (f.csat IS NOT NULL)::int AS csat_responses,
           coalesce(f.csat IS NOT NULL AND coalesce((f.scores ->> 'csatSatisfied')::boolean, f.csat >= 4), false)::int
             AS csat_satisfied,
           coalesce(f.csat, 0) AS csat_sum,
           (f.nps IS NOT NULL)::int AS nps_responses,
           (f.nps IS NOT NULL AND f.category = 'promoter')::int AS nps_promoters,
           (f.nps IS NOT NULL AND f.category = 'passive')::int AS nps_passives,
           (f.nps IS NOT NULL AND f.category NOT IN ('promoter', 'passive'))::int AS nps_detractors,
           (f.ces IS NOT NULL)::int AS ces_responses,
           coalesce(f.ces, 0) AS ces_sum,
           coalesce(f.ces IS NOT NULL AND coalesce((f.scores ->> 'cesLowEffort')::boolean, f.ces >= 5), false)::int
             AS ces_low_effort,
           (f.servqual IS NOT NULL)::int AS servqual_responses,
           coalesce(${jsonNumber(`f.servqual -> 'weightedGap'`)}, 0) AS weighted_gap_sum,
           coalesce(${jsonNumber(`f.servqual -> 'qualityIndex'`)}, 0) AS quality_index_sum,
           coalesce(f.servqual ->> 'level' = 'dissatisfied', false)::int AS level_dissatisfied,
           coalesce(f.servqual ->> 'level' = 'satisfied', false)::int AS level_satisfied,
           coalesce(f.servqual ->> 'level' = 'delighted', false)::int AS level_delighted,
           ${DIMENSIONS.map((d) => `d.${d}_responses, coalesce(d.${d}_gap_sum, 0) AS ${d}_gap_sum`).join(',\n           ')},
           (f.satisfaction_index IS NOT NULL)::int AS satisfaction_index_responses,
           coalesce(f.satisfaction_index, 0) AS satisfaction_index_sum,
           (f.satisfaction_index IS NOT NULL AND f.benchmark_index IS NOT NULL)::int AS benchmark_responses,
           CASE WHEN f.satisfaction_index IS NOT NULL THEN coalesce(f.benchmark_index, 0) ELSE 0 END
             AS benchmark_index_sum,
           CASE WHEN f.benchmark_index IS NOT NULL THEN coalesce(f.satisfaction_index, 0) ELSE 0 END
             AS benchmark_satisfaction_index_sum
    FROM (
      SELECT *, coalesce(scores ->> 'npsCategory', CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive'
                                                        ELSE 'detractor' END) AS category
      FROM facts
    ) f
    -- A dimension listed twice counts once, with its last gap (the code assigns, it does not add).
    CROSS JOIN LATERAL (
      SELECT ${DIMENSIONS.map(
        (d) =>
          `(count(*) FILTER (WHERE e ->> 'dimension' = '${d}') > 0)::int AS ${d}_responses,
             (array_agg(${jsonNumber(`e -> 'gap'`)} ORDER BY i DESC) FILTER (WHERE e ->> 'dimension' = '${d}'))[1]
               AS ${d}_gap_sum`,
      ).join(',\n             ')}
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.servqual -> 'dimensions') = 'array'
                                     THEN f.servqual -> 'dimensions' ELSE '[]'::jsonb END)
           WITH ORDINALITY AS x(e, i)
    ) d
  )`;

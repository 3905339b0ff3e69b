import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segment pairs (persona signals of e.g. industry × company size, "mid-market retail"): the daily
 * rollups gain one group per listed pair a customer has both values of, kind
 * `segment.<first>+<second>`, value the JSON array of the two values (customers/domain/segments.ts):
 * - `case_daily` and `group_daily`: every count, as the incremental path adds them
 *   (windows/domain/window-contributions.ts);
 * - `satisfaction_daily`: the answer counts only (responses, CSAT, NPS), as
 *   satisfaction/domain/response-contribution.ts's `pairContributionOf` adds them.
 * Back-filled from the stored facts with the incremental path's rules, copied here as SQL (and the
 * pairs as they were listed then) so this migration keeps meaning what it meant when it ran; the first
 * correction of an old case or answer then takes out a contribution that was put in.
 */
export class SegmentPairs1765600000000 implements MigrationInterface {
  name = 'SegmentPairs1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH facts AS (
        SELECT f.customer, f.issue_code, f.channel, f.issue_kind, f.escalated, f.reopen_count, f.tone,
               (f.opened_at AT TIME ZONE 'UTC')::date AS day,
               coalesce(f.classification_method, '') <> 'agent'
                 AND (f.issue_code = 'unclassified' OR coalesce(f.confidence, 0) < 0.6) AS in_pool
        FROM insights.case_facts f
      ),
      grouped AS (
        SELECT f.issue_code, f.channel, f.issue_kind, f.escalated, f.reopen_count, f.tone, f.day, f.in_pool,
               g.kind, g.value
        FROM facts f
        CROSS JOIN LATERAL (${pairGroups('f.customer')}) AS g(kind, value)
        WHERE g.value IS NOT NULL
      ),
      case_rows AS (
        INSERT INTO insights.case_daily (group_kind, group_value, issue_code, channel, day, cases, how_to_cases,
                                         escalated_cases, reopened_cases, negative_tone_cases)
        SELECT kind, value, issue_code, channel, day,
               count(*),
               count(*) FILTER (WHERE issue_kind = 'how_to'),
               count(*) FILTER (WHERE escalated IS TRUE),
               count(*) FILTER (WHERE coalesce(reopen_count, 0) > 0),
               count(*) FILTER (WHERE tone = 'negative')
        FROM grouped GROUP BY 1, 2, 3, 4, 5
        RETURNING 1
      )
      INSERT INTO insights.group_daily (group_kind, group_value, day, cases, how_to_cases, pool_cases)
      SELECT kind, value, day, count(*), count(*) FILTER (WHERE issue_kind = 'how_to'), count(*) FILTER (WHERE in_pool)
      FROM grouped GROUP BY 1, 2, 3`);

    await queryRunner.query(`
      WITH facts AS (
        SELECT s.customer, (s.responded_at AT TIME ZONE 'UTC')::date AS day,
               CASE WHEN jsonb_typeof(s.scores -> 'csat') = 'number' THEN (s.scores ->> 'csat')::numeric END AS csat,
               (s.scores ->> 'csatSatisfied')::boolean AS csat_satisfied,
               CASE WHEN jsonb_typeof(s.scores -> 'nps') = 'number' THEN (s.scores ->> 'nps')::numeric END AS nps,
               s.scores ->> 'npsCategory' AS nps_category
        FROM insights.survey_facts s
      ),
      categorised AS (
        SELECT *, coalesce(nps_category, CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive'
                                              ELSE 'detractor' END) AS category
        FROM facts
      )
      INSERT INTO insights.satisfaction_daily (group_kind, day, group_value, responses, csat_responses,
                                               csat_satisfied, csat_sum, nps_responses, nps_promoters,
                                               nps_passives, nps_detractors)
      SELECT g.kind, f.day, g.value,
             count(*),
             count(f.csat),
             count(*) FILTER (WHERE f.csat IS NOT NULL AND coalesce(f.csat_satisfied, f.csat >= 4)),
             coalesce(sum(f.csat), 0),
             count(f.nps),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category = 'promoter'),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category = 'passive'),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category NOT IN ('promoter', 'passive'))
      FROM categorised f
      CROSS JOIN LATERAL (${pairGroups('f.customer')}) AS g(kind, value)
      WHERE g.value IS NOT NULL
      GROUP BY g.kind, f.day, g.value`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['case_daily', 'group_daily', 'satisfaction_daily']) {
      await queryRunner.query(`DELETE FROM insights.${table} WHERE group_kind IN (${PAIR_KINDS})`);
    }
    // The pairs' signals and evaluation times go with their rows (consumers saw them raised; the code
    // before this migration cannot read or clear them).
    for (const table of ['persona_signals', 'persona_segment_evaluations']) {
      await queryRunner.query(`DELETE FROM insights.${table} WHERE attribute IN (${PAIR_ATTRIBUTES})`);
    }
  }
}

// A frozen copy of SEGMENT_PAIRS as it was when this migration was written.
const SEGMENT_PAIRS = [
  ['industry', 'companySize'],
  ['industry', 'role'],
] as const;

const PAIR_ATTRIBUTES = SEGMENT_PAIRS.map(([a, b]) => `'${a}+${b}'`).join(', ');
const PAIR_KINDS = SEGMENT_PAIRS.map(([a, b]) => `'segment.${a}+${b}'`).join(', ');

/**
 * Each pair's group of a customer snapshot: value the JSON array of the two values, as
 * JSON.stringify writes it (to_json's escapes are the same; no spaces), or null unless both are
 * non-empty strings.
 */
function pairGroups(customer: string): string {
  const value = (attribute: string) => `${customer} -> 'segment' -> '${attribute}'`;
  const present = (attribute: string) =>
    `jsonb_typeof(${value(attribute)}) = 'string' AND ${value(attribute)} #>> '{}' <> ''`;
  const rows = SEGMENT_PAIRS.map(
    ([a, b]) =>
      `('segment.${a}+${b}', CASE WHEN ${present(a)} AND ${present(b)}
         THEN '[' || to_json(${value(a)} #>> '{}')::text || ',' || to_json(${value(b)} #>> '{}')::text || ']' END)`,
  );
  return `VALUES ${rows.join(',\n        ')}`;
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction rollup: `insights.satisfaction_daily`, additive counts and sums per UTC day × group,
 * kept incrementally by the ReadModelWriter. `survey_facts` gains what a response's contribution is
 * recomputed from (all its scores, and the issue code and agent of its case at contribution time),
 * and existing rows are back-filled so that the rollup matches the facts from the start.
 */
export class SatisfactionRollups1764000000000 implements MigrationInterface {
  name = 'SatisfactionRollups1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE insights.survey_facts
        ADD COLUMN scores     jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN issue_code text,
        ADD COLUMN agent_id   text`);
    // Rows written before held only these scores.
    await queryRunner.query(`
      UPDATE insights.survey_facts SET scores = jsonb_strip_nulls(jsonb_build_object(
        'csat', csat, 'csatSatisfied', csat_satisfied, 'nps', nps, 'npsCategory', nps_category, 'ces', ces))`);

    // Responses are linked to their case by case id alone (whatever the source).
    await queryRunner.query(`CREATE INDEX case_facts_case_id ON insights.case_facts (case_id)`);
    await queryRunner.query(
      `CREATE INDEX survey_facts_case_id ON insights.survey_facts (case_id) WHERE case_id IS NOT NULL`,
    );
    await queryRunner.query(`
      UPDATE insights.survey_facts s SET issue_code = r.issue_code, agent_id = r.agent_id
      FROM (
        SELECT DISTINCT ON (case_id) case_id, issue_code, agent_id
        FROM insights.case_facts ORDER BY case_id, event_time DESC, source
      ) r
      WHERE s.kind = 'transactional' AND s.case_id = r.case_id`);

    await queryRunner.query(`
      CREATE TABLE insights.satisfaction_daily (
        group_kind                        text    NOT NULL,
        day                               date    NOT NULL,
        group_value                       text    NOT NULL,
        responses                         integer NOT NULL DEFAULT 0,
        csat_responses                    integer NOT NULL DEFAULT 0,
        csat_satisfied                    integer NOT NULL DEFAULT 0,
        csat_sum                          numeric NOT NULL DEFAULT 0,
        nps_responses                     integer NOT NULL DEFAULT 0,
        nps_promoters                     integer NOT NULL DEFAULT 0,
        nps_passives                      integer NOT NULL DEFAULT 0,
        nps_detractors                    integer NOT NULL DEFAULT 0,
        ces_responses                     integer NOT NULL DEFAULT 0,
        ces_sum                           numeric NOT NULL DEFAULT 0,
        ces_low_effort                    integer NOT NULL DEFAULT 0,
        servqual_responses                integer NOT NULL DEFAULT 0,
        weighted_gap_sum                  numeric NOT NULL DEFAULT 0,
        quality_index_sum                 numeric NOT NULL DEFAULT 0,
        level_dissatisfied                integer NOT NULL DEFAULT 0,
        level_satisfied                   integer NOT NULL DEFAULT 0,
        level_delighted                   integer NOT NULL DEFAULT 0,
        reliability_responses             integer NOT NULL DEFAULT 0,
        reliability_gap_sum               numeric NOT NULL DEFAULT 0,
        responsiveness_responses          integer NOT NULL DEFAULT 0,
        responsiveness_gap_sum            numeric NOT NULL DEFAULT 0,
        assurance_responses               integer NOT NULL DEFAULT 0,
        assurance_gap_sum                 numeric NOT NULL DEFAULT 0,
        empathy_responses                 integer NOT NULL DEFAULT 0,
        empathy_gap_sum                   numeric NOT NULL DEFAULT 0,
        tangibles_responses               integer NOT NULL DEFAULT 0,
        tangibles_gap_sum                 numeric NOT NULL DEFAULT 0,
        satisfaction_index_responses      integer NOT NULL DEFAULT 0,
        satisfaction_index_sum            numeric NOT NULL DEFAULT 0,
        benchmark_responses               integer NOT NULL DEFAULT 0,
        benchmark_index_sum               numeric NOT NULL DEFAULT 0,
        benchmark_satisfaction_index_sum  numeric NOT NULL DEFAULT 0,
        updated_at                        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_kind, day, group_value)
      )`);

    // The back-fill: what the incremental path would have added for each existing response (rows
    // written before this migration carry CSAT, NPS and CES only). Same cut-offs as
    // satisfaction/domain/response-contribution.ts.
    await queryRunner.query(`
      WITH facts AS (
        SELECT (responded_at AT TIME ZONE 'UTC')::date AS day, customer -> 'segment' AS segment,
               channel, issue_code, agent_id,
               (scores ->> 'csat')::int AS csat, (scores ->> 'csatSatisfied')::boolean AS csat_satisfied,
               (scores ->> 'nps')::int AS nps, scores ->> 'npsCategory' AS nps_category,
               (scores ->> 'ces')::int AS ces, (scores ->> 'cesLowEffort')::boolean AS ces_low_effort
        FROM insights.survey_facts
      ),
      categorised AS (
        SELECT *, coalesce(nps_category, CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive'
                                              ELSE 'detractor' END) AS category
        FROM facts
      )
      INSERT INTO insights.satisfaction_daily (
        group_kind, day, group_value, responses, csat_responses, csat_satisfied, csat_sum,
        nps_responses, nps_promoters, nps_passives, nps_detractors, ces_responses, ces_sum, ces_low_effort)
      SELECT g.kind, f.day, g.value,
             count(*),
             count(f.csat),
             count(*) FILTER (WHERE f.csat IS NOT NULL AND coalesce(f.csat_satisfied, f.csat >= 4)),
             coalesce(sum(f.csat), 0),
             count(f.nps),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category = 'promoter'),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category = 'passive'),
             count(*) FILTER (WHERE f.nps IS NOT NULL AND f.category NOT IN ('promoter', 'passive')),
             count(f.ces),
             coalesce(sum(f.ces), 0),
             count(*) FILTER (WHERE f.ces IS NOT NULL AND coalesce(f.ces_low_effort, f.ces >= 5))
      FROM categorised f
      CROSS JOIN LATERAL (VALUES
        ('none', 'all'),
        ('segment.industry', f.segment ->> 'industry'),
        ('segment.plan', f.segment ->> 'plan'),
        ('segment.region', f.segment ->> 'region'),
        ('segment.companySize', f.segment ->> 'companySize'),
        ('segment.role', f.segment ->> 'role'),
        ('channel', f.channel),
        ('agent', f.agent_id),
        ('issueCode', f.issue_code)
      ) AS g(kind, value)
      WHERE g.value IS NOT NULL AND g.value <> ''
      GROUP BY g.kind, f.day, g.value`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.satisfaction_daily`);
    await queryRunner.query(`DROP INDEX insights.survey_facts_case_id`);
    await queryRunner.query(`DROP INDEX insights.case_facts_case_id`);
    await queryRunner.query(
      `ALTER TABLE insights.survey_facts DROP COLUMN agent_id, DROP COLUMN issue_code, DROP COLUMN scores`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content topics (windows/, content-topics/):
 *
 * - `term_daily`: per key term and UTC day (of `opened_at`), the term-pool cases (unclassified, or
 *   coded by a rule or the model below 0.6 confidence) whose key terms include it;
 * - `group_daily`: per group (`none`/`all`, `segment.<attribute>`/<value>) and day, every case, the
 *   how-to cases and the term-pool cases: the base a topic's segment share and an emerging term's
 *   rate are compared with;
 *
 * both additive and kept by −old/+new deltas like `case_daily`, and back-filled here from the
 * existing facts exactly as windows/domain/window-contributions.ts would have added them;
 * - `content_topics`: each topic's insight as the topic's consumers last heard of it (status,
 *   figures, the evidence of the last event, sequence);
 * - an index for the example phrasings of an issue code in a window (no scan of history).
 */
export class ContentTopics1764400000000 implements MigrationInterface {
  name = 'ContentTopics1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.term_daily (
        term         text    NOT NULL,
        day          date    NOT NULL,
        cases        integer NOT NULL DEFAULT 0,
        how_to_cases integer NOT NULL DEFAULT 0,
        PRIMARY KEY (term, day)
      )`);
    await queryRunner.query(`CREATE INDEX term_daily_day ON insights.term_daily (day)`);
    await queryRunner.query(`
      CREATE TABLE insights.group_daily (
        group_kind   text    NOT NULL,
        group_value  text    NOT NULL,
        day          date    NOT NULL,
        cases        integer NOT NULL DEFAULT 0,
        how_to_cases integer NOT NULL DEFAULT 0,
        pool_cases   integer NOT NULL DEFAULT 0,
        PRIMARY KEY (group_kind, group_value, day)
      )`);
    await queryRunner.query(`CREATE INDEX group_daily_day ON insights.group_daily (day)`);
    await queryRunner.query(
      `CREATE INDEX case_facts_issue_opened ON insights.case_facts (issue_code, opened_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE insights.content_topics (
        topic_key       text PRIMARY KEY,
        kind            text NOT NULL,
        issue_code      text,
        term            text,
        status          text NOT NULL,
        score           double precision NOT NULL,
        rank            integer,
        volume          integer NOT NULL,
        previous_volume integer NOT NULL,
        growth          double precision,
        how_to_share    double precision NOT NULL,
        content_kind    text NOT NULL,
        evidence        jsonb NOT NULL,
        window_days     integer NOT NULL,
        as_of           timestamptz NOT NULL,
        raised_at       timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        cleared_at      timestamptz,
        version         integer NOT NULL,
        last_event_id   text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX content_topics_open ON insights.content_topics (topic_key) WHERE status = 'open'`,
    );

    // The back-fill. The term pool as windows/domain/window-case.ts defines it (LOW_CONFIDENCE_BELOW).
    await queryRunner.query(`
      INSERT INTO insights.term_daily (term, day, cases, how_to_cases)
      SELECT t.term, (f.opened_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE f.issue_kind = 'how_to')
      FROM insights.case_facts f
      CROSS JOIN LATERAL (
        SELECT DISTINCT e #>> '{}' AS term
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.terms) = 'array' THEN f.terms ELSE '[]'::jsonb END) e
        WHERE jsonb_typeof(e) = 'string' AND e #>> '{}' <> ''
      ) t
      WHERE f.classification_method <> 'agent' AND (f.issue_code = 'unclassified' OR f.confidence < 0.6)
      GROUP BY 1, 2`);
    await queryRunner.query(`
      INSERT INTO insights.group_daily (group_kind, group_value, day, cases, how_to_cases, pool_cases)
      SELECT g.kind, g.value, (f.opened_at AT TIME ZONE 'UTC')::date,
             count(*),
             count(*) FILTER (WHERE f.issue_kind = 'how_to'),
             count(*) FILTER (WHERE f.classification_method <> 'agent'
                                AND (f.issue_code = 'unclassified' OR f.confidence < 0.6))
      FROM insights.case_facts f
      CROSS JOIN LATERAL (VALUES
        ('none', NULL::jsonb),
        ('segment.industry', f.customer -> 'segment' -> 'industry'),
        ('segment.plan', f.customer -> 'segment' -> 'plan'),
        ('segment.region', f.customer -> 'segment' -> 'region'),
        ('segment.companySize', f.customer -> 'segment' -> 'companySize'),
        ('segment.role', f.customer -> 'segment' -> 'role')
      ) AS s(kind, raw)
      CROSS JOIN LATERAL (SELECT s.kind, CASE WHEN s.kind = 'none' THEN 'all'
                                              WHEN jsonb_typeof(s.raw) = 'string' THEN s.raw #>> '{}' END
      ) AS g(kind, value)
      WHERE g.value IS NOT NULL AND g.value <> ''
      GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.content_topics`);
    await queryRunner.query(`DROP INDEX insights.case_facts_issue_opened`);
    await queryRunner.query(`DROP TABLE insights.group_daily`);
    await queryRunner.query(`DROP TABLE insights.term_daily`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case-study, reference and focus-group candidates: each customer's candidacy as the topic's
 * consumers last heard of it (level, score and its parts, programmes consented to, the evidence).
 * Its events go through `insights.insight_outbox` like every insight kind.
 */
export class CaseStudyCandidates1764600000000 implements MigrationInterface {
  name = 'CaseStudyCandidates1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.case_study_candidates (
        customer_id       text PRIMARY KEY,
        level             text NOT NULL CHECK (level IN ('candidate', 'withdrawn')),
        score             integer NOT NULL CHECK (score BETWEEN 0 AND 100),
        score_parts       jsonb NOT NULL,
        -- A JSON array of caseStudy | reference | focusGroup: filtered with ?.
        programmes        jsonb NOT NULL DEFAULT '[]'::jsonb,
        -- satisfaction answers, the case resolved well, surveys answered, first seen.
        evidence          jsonb NOT NULL,
        withdrawn_because jsonb,
        -- The issue code of the case resolved well, for the issueCode filter.
        issue_code        text,
        lifetime_value    numeric,
        raised_at         timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        withdrawn_at      timestamptz,
        -- The insight settings version that decided the last change.
        settings_version  integer NOT NULL DEFAULT 0,
        last_event_id     text NOT NULL,
        version           integer NOT NULL
      )`);
    // The two orders the API pages by, over open candidacies only.
    await queryRunner.query(
      `CREATE INDEX case_study_candidates_by_score ON insights.case_study_candidates (score DESC, customer_id DESC)
       WHERE level = 'candidate'`,
    );
    await queryRunner.query(
      `CREATE INDEX case_study_candidates_by_raised ON insights.case_study_candidates (raised_at DESC, customer_id DESC)
       WHERE level = 'candidate'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.case_study_candidates`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rolling-window state for the detectors: `insights.case_daily` holds additive case counts per UTC day
 * (of `opened_at`) × group × issue code × channel, kept by −old/+new deltas per batch (see
 * windows/case-windows.ts), so a detector sums a few days of one key instead of rescanning the facts.
 * Groups: `none`/`all`, `segment.industry|plan|region|companySize|role`/<value>.
 * `case_facts` gains what the classifier now says about each case: the issue kind, a masked
 * phrasing and its key terms.
 */
export class CaseWindows1764300000000 implements MigrationInterface {
  name = 'CaseWindows1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE insights.case_facts
        ADD COLUMN issue_kind text,
        ADD COLUMN phrasing   text,
        ADD COLUMN terms      jsonb`);
    await queryRunner.query(`
      CREATE TABLE insights.case_daily (
        group_kind          text    NOT NULL,
        group_value         text    NOT NULL,
        issue_code          text    NOT NULL,
        channel             text    NOT NULL,
        day                 date    NOT NULL,
        cases               integer NOT NULL DEFAULT 0,
        how_to_cases        integer NOT NULL DEFAULT 0,
        escalated_cases     integer NOT NULL DEFAULT 0,
        reopened_cases      integer NOT NULL DEFAULT 0,
        negative_tone_cases integer NOT NULL DEFAULT 0,
        PRIMARY KEY (group_kind, group_value, issue_code, channel, day)
      )`);
    await queryRunner.query(`CREATE INDEX case_daily_issue_day ON insights.case_daily (issue_code, day)`);
    await queryRunner.query(`CREATE INDEX case_daily_day ON insights.case_daily (day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.case_daily`);
    await queryRunner.query(
      `ALTER TABLE insights.case_facts DROP COLUMN terms, DROP COLUMN phrasing, DROP COLUMN issue_kind`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rolling-window state for the detectors: `insights.case_daily` holds additive case counts per UTC day
 * (of `opened_at`) × group × issue code × channel, kept by −old/+new deltas per batch (see
 * windows/case-windows.ts), so a detector sums a few days of one key instead of rescanning the facts.
 * Groups: `none`/`all`, `segment.industry|plan|region|companySize|role`/<value>.
 * `case_facts` gains what the classifier now says about each case: the issue kind, a masked
 * phrasing and its key terms.
 * Existing facts are back-filled with exactly what the incremental path would have added for them
 * (windows/domain/window-contributions.ts), so that the first correction of an old case takes out a
 * contribution that was put in.
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
    // A topic's latest day: one probe, newest first (content topics' clock).
    await queryRunner.query(
      `CREATE INDEX case_daily_group_issue_day ON insights.case_daily (group_kind, group_value, issue_code, day)`,
    );
    await queryRunner.query(`CREATE INDEX case_daily_day ON insights.case_daily (day)`);
    // One group's days (every issue code of it): what a ranking of all topics in a window reads.
    await queryRunner.query(
      `CREATE INDEX case_daily_group_day ON insights.case_daily (group_kind, group_value, day)`,
    );

    // The back-fill. A case counts in `none`/`all` and in each non-empty (string) segment attribute of
    // the customer snapshot it was stored with.
    await queryRunner.query(`
      INSERT INTO insights.case_daily (group_kind, group_value, issue_code, channel, day, cases, how_to_cases,
                                       escalated_cases, reopened_cases, negative_tone_cases)
      SELECT g.kind, g.value, f.issue_code, f.channel, (f.opened_at AT TIME ZONE 'UTC')::date,
             count(*),
             count(*) FILTER (WHERE f.issue_kind = 'how_to'),
             count(*) FILTER (WHERE f.escalated IS TRUE),
             count(*) FILTER (WHERE coalesce(f.reopen_count, 0) > 0),
             count(*) FILTER (WHERE f.tone = 'negative')
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
      GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.case_daily`);
    await queryRunner.query(
      `ALTER TABLE insights.case_facts DROP COLUMN terms, DROP COLUMN phrasing, DROP COLUMN issue_kind`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_PROFILES_SQL } from '../customers/refresh-profiles.sql';

/** Customers re-derived per statement in the back-fill: one batch's worth, so no statement runs long. */
const BACKFILL_CHUNK = 500;

/**
 * The complete customer profile: rolling 7/30/90-day case windows (by status, issue code and channel,
 * reopens, escalations, resolution times, tone) ending at the customer's latest fact (`as_of`), the
 * previous CSAT / NPS / SERVQUAL answers for their trends, and the tone of the last cases. Existing
 * profiles are back-filled by re-running the refresh over every customer, in chunks.
 *
 * The index serves the resolution norm read with a profile: the cases of one issue code in a 90-day
 * range, with their resolution time, without touching the table.
 */
export class CustomerProfileWindows1764900000000 implements MigrationInterface {
  name = 'CustomerProfileWindows1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE insights.customer_profiles
        ADD COLUMN previous_csat           integer,
        ADD COLUMN previous_csat_at        timestamptz,
        ADD COLUMN previous_nps            integer,
        ADD COLUMN previous_nps_category   text,
        ADD COLUMN previous_nps_at         timestamptz,
        ADD COLUMN servqual_level          text,
        ADD COLUMN servqual_gap            double precision,
        ADD COLUMN servqual_at             timestamptz,
        ADD COLUMN previous_servqual_level text,
        ADD COLUMN previous_servqual_gap   double precision,
        ADD COLUMN previous_servqual_at    timestamptz,
        ADD COLUMN as_of                   timestamptz,
        ADD COLUMN case_windows            jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN recent_tone             jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(
      `CREATE INDEX case_facts_issue_code_opened ON insights.case_facts (issue_code, opened_at) INCLUDE (resolved_at)`,
    );

    // The refresh as the code has it now. On a fresh database there is nothing to back-fill, so a
    // later change to the refresh that needs later columns only matters for a database upgraded
    // straight across both; such a change re-runs the refresh in its own migration anyway.
    let after = '';
    for (;;) {
      const rows: { customer_id: string }[] = await queryRunner.query(
        `SELECT customer_id FROM insights.customer_profiles WHERE customer_id > $1 ORDER BY customer_id LIMIT $2`,
        [after, BACKFILL_CHUNK],
      );
      if (rows.length === 0) break;
      const ids = rows.map((row) => row.customer_id);
      await queryRunner.query(REFRESH_PROFILES_SQL, [ids]);
      after = ids[ids.length - 1];
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights.case_facts_issue_code_opened`);
    await queryRunner.query(`
      ALTER TABLE insights.customer_profiles
        DROP COLUMN recent_tone,
        DROP COLUMN case_windows,
        DROP COLUMN as_of,
        DROP COLUMN previous_servqual_at,
        DROP COLUMN previous_servqual_gap,
        DROP COLUMN previous_servqual_level,
        DROP COLUMN servqual_at,
        DROP COLUMN servqual_gap,
        DROP COLUMN servqual_level,
        DROP COLUMN previous_nps_at,
        DROP COLUMN previous_nps_category,
        DROP COLUMN previous_nps,
        DROP COLUMN previous_csat_at,
        DROP COLUMN previous_csat`);
  }
}

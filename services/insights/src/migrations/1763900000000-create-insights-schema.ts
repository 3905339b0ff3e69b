import { processedEventsTableSql } from '@supportlens/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInsightsSchema1763900000000 implements MigrationInterface {
  name = 'CreateInsightsSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS insights`);
    await queryRunner.query(processedEventsTableSql('insights'));

    // One row per case, its latest version (event_time guards against an older version overwriting).
    await queryRunner.query(`
      CREATE TABLE insights.case_facts (
        source                 text NOT NULL,
        case_id                text NOT NULL,
        event_id               text NOT NULL,
        event_time             timestamptz NOT NULL,
        customer_id            text NOT NULL,
        customer               jsonb NOT NULL,
        channel                text NOT NULL,
        status                 text NOT NULL,
        issue_code             text NOT NULL,
        category               text NOT NULL,
        classification_method  text NOT NULL,
        confidence             double precision NOT NULL,
        agent_id               text,
        opened_at              timestamptz NOT NULL,
        first_response_at      timestamptz,
        resolved_at            timestamptz,
        hold_seconds           double precision,
        handle_seconds         double precision,
        abandoned              boolean,
        missed                 boolean,
        escalated              boolean,
        reopen_count           integer,
        cost                   numeric,
        self_service_attempted boolean,
        self_service_abandoned boolean,
        PRIMARY KEY (source, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_facts_customer ON insights.case_facts (customer_id)`);
    await queryRunner.query(`CREATE INDEX case_facts_opened ON insights.case_facts (opened_at)`);

    await queryRunner.query(`
      CREATE TABLE insights.survey_facts (
        source                 text NOT NULL,
        response_id            text NOT NULL,
        event_id               text NOT NULL,
        event_time             timestamptz NOT NULL,
        customer_id            text NOT NULL,
        customer               jsonb NOT NULL,
        kind                   text NOT NULL,
        case_id                text,
        channel                text,
        responded_at           timestamptz NOT NULL,
        csat                   integer,
        csat_satisfied         boolean,
        nps                    integer,
        nps_category           text,
        ces                    integer,
        scoring_config_version integer NOT NULL,
        PRIMARY KEY (source, response_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX survey_facts_customer ON insights.survey_facts (customer_id, responded_at)`,
    );

    // Derived from the facts of each customer a batch touches: always consistent with them.
    await queryRunner.query(`
      CREATE TABLE insights.customer_profiles (
        customer_id       text PRIMARY KEY,
        segment           jsonb NOT NULL DEFAULT '{}'::jsonb,
        lifetime_value    numeric,
        consent           jsonb NOT NULL DEFAULT '{}'::jsonb,
        cases_total       integer NOT NULL,
        open_cases        integer NOT NULL,
        surveys_total     integer NOT NULL,
        last_csat         integer,
        last_csat_at      timestamptz,
        last_nps          integer,
        nps_category      text,
        last_nps_at       timestamptz,
        last_contact_at   timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);

    // The daily service-metrics read model, per day × channel × issue code, exact (medians included).
    await queryRunner.query(`
      CREATE VIEW insights.service_metrics_daily AS
      SELECT date_trunc('day', opened_at AT TIME ZONE 'UTC')::date AS day,
             channel,
             issue_code,
             count(*)::int AS cases,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at))
               FILTER (WHERE first_response_at IS NOT NULL) AS median_first_response_seconds,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at))
               FILTER (WHERE resolved_at IS NOT NULL) AS median_resolution_seconds,
             avg(CASE WHEN abandoned THEN 1.0 ELSE 0.0 END) FILTER (WHERE abandoned IS NOT NULL) AS abandon_rate,
             avg(hold_seconds) AS mean_hold_seconds,
             sum(cost) AS total_cost,
             avg(cost) AS cost_per_case
      FROM insights.case_facts
      GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW insights.service_metrics_daily`);
    await queryRunner.query(`DROP TABLE insights.customer_profiles`);
    await queryRunner.query(`DROP TABLE insights.survey_facts`);
    await queryRunner.query(`DROP TABLE insights.case_facts`);
    await queryRunner.query(`DROP TABLE insights.processed_events`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service metrics, complete. Everything is computed from `insights.case_facts` at query time
 * (business hours too, with the calendar in force: see docs/metrics.md), so no column is added:
 * - the row export pages by `(opened_at, source, case_id)`: an index in that order makes each page an
 *   index range scan instead of a sort of the whole range;
 * - `service_metrics_daily` (per UTC day × channel × issue code, for SQL readers) follows the API's
 *   calendar-time definitions: resolution only for solved/closed cases, p90s, self-service, missed
 *   chats, chat duration, escalations, reopens. Business hours are not in it: they depend on the
 *   runtime calendar.
 */
export class ServiceMetrics1764800000000 implements MigrationInterface {
  name = 'ServiceMetrics1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_facts_opened_key ON insights.case_facts (opened_at, source, case_id)`,
    );
    await queryRunner.query(`DROP VIEW insights.service_metrics_daily`);
    await queryRunner.query(`
      CREATE VIEW insights.service_metrics_daily AS
      WITH measured AS (
        SELECT (opened_at AT TIME ZONE 'UTC')::date AS day, channel, issue_code, customer_id,
               hold_seconds, abandoned, escalated, reopen_count, cost,
               channel <> 'self_service' AS assisted,
               (channel = 'self_service'
                 OR (self_service_attempted OR self_service_abandoned) IS TRUE) AS self_service_session,
               CASE WHEN channel = 'self_service' OR (self_service_attempted OR self_service_abandoned) IS TRUE
                    THEN self_service_abandoned END AS self_service_session_abandoned,
               extract(epoch FROM first_response_at - opened_at)::float8 AS first_response_seconds,
               CASE WHEN status IN ('solved', 'closed') THEN extract(epoch FROM resolved_at - opened_at)::float8 END
                 AS resolution_seconds,
               CASE WHEN channel = 'chat' THEN missed END AS missed_chat,
               CASE WHEN channel = 'chat' AND missed IS NOT TRUE THEN handle_seconds END AS chat_duration_seconds
        FROM insights.case_facts
      )
      SELECT day, channel, issue_code,
             count(*)::int AS cases,
             count(*) FILTER (WHERE assisted)::int AS assisted_cases,
             count(DISTINCT customer_id) FILTER (WHERE assisted)::int AS customers_with_assisted_case,
             count(*) FILTER (WHERE self_service_session)::int AS self_service_sessions,
             count(*) FILTER (WHERE self_service_session_abandoned)::int AS self_service_abandoned,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS median_first_response_seconds,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) AS p90_first_response_seconds,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_seconds) AS median_resolution_seconds,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_seconds) AS p90_resolution_seconds,
             avg(CASE WHEN abandoned THEN 1.0 ELSE 0.0 END) FILTER (WHERE abandoned IS NOT NULL) AS abandon_rate,
             avg(hold_seconds) AS mean_hold_seconds,
             count(*) FILTER (WHERE missed_chat)::int AS missed_chats,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY chat_duration_seconds) AS median_chat_duration_seconds,
             avg(CASE WHEN escalated THEN 1.0 ELSE 0.0 END) FILTER (WHERE escalated IS NOT NULL) AS escalation_rate,
             avg(CASE WHEN reopen_count > 0 THEN 1.0 ELSE 0.0 END) FILTER (WHERE reopen_count IS NOT NULL)
               AS reopen_rate,
             sum(cost) AS total_cost,
             avg(cost) AS cost_per_case
      FROM measured
      GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW insights.service_metrics_daily`);
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
    await queryRunner.query(`DROP INDEX insights.case_facts_opened_key`);
  }
}

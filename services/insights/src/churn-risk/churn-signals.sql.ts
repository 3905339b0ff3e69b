/**
 * The churn signals of the given customers ($1) in one statement, from their stored facts only.
 * Windows ($2 recent days, $3 long days) count back from each customer's latest case opening or
 * survey answer, not from the clock, so a replay of the same facts gives the same signals.
 */
export const CHURN_SIGNALS_SQL = `
WITH ids AS (
  SELECT DISTINCT unnest($1::text[]) AS customer_id
),
-- Only the columns used: the wide ones (texts, snapshots) made these rows spill to disk.
cases AS MATERIALIZED (
  SELECT customer_id, event_time, issue_code, reopen_count, escalated, tone, opened_at, resolved_at
  FROM insights.case_facts WHERE customer_id = ANY($1::text[])
),
surveys AS MATERIALIZED (
  SELECT customer_id, event_time, response_id, responded_at, csat, nps, nps_category,
         scores -> 'servqual' AS servqual
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[])
),
anchor AS (
  SELECT customer_id, max(at) AS at, max(event_time) AS last_event_time
  FROM (SELECT customer_id, opened_at AS at, event_time FROM cases
        UNION ALL
        SELECT customer_id, responded_at, event_time FROM surveys) f
  GROUP BY customer_id
),
csat AS (
  SELECT customer_id, answers[1] AS last_csat, answers[2] AS previous_csat
  FROM (SELECT customer_id, array_agg(csat ORDER BY responded_at DESC, response_id DESC) AS answers
        FROM surveys WHERE csat IS NOT NULL GROUP BY customer_id) a
),
nps AS (
  SELECT customer_id, answers[1] AS last_nps, categories[1] AS last_nps_category, answers[2] AS previous_nps
  FROM (SELECT customer_id,
               array_agg(nps ORDER BY responded_at DESC, response_id DESC) AS answers,
               array_agg(nps_category ORDER BY responded_at DESC, response_id DESC) AS categories
        FROM surveys WHERE nps IS NOT NULL GROUP BY customer_id) a
),
servqual AS (
  SELECT DISTINCT ON (customer_id) customer_id,
         servqual ->> 'level' AS level,
         (servqual ->> 'weightedGap')::float8 AS gap
  FROM surveys WHERE servqual IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
),
windowed AS (
  SELECT c.customer_id, c.issue_code, c.reopen_count, c.escalated, c.tone, c.opened_at, c.resolved_at,
         c.opened_at > a.at - make_interval(days => $2::int) AS recent
  FROM cases c JOIN anchor a USING (customer_id)
  WHERE c.opened_at > a.at - make_interval(days => $3::int)
),
case_signals AS (
  SELECT customer_id,
         count(*) FILTER (WHERE recent)::int AS recent_cases,
         count(*)::int AS window_cases,
         coalesce(sum(reopen_count), 0)::int AS reopens,
         count(*) FILTER (WHERE escalated)::int AS escalations,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600)
           FILTER (WHERE resolved_at IS NOT NULL) AS median_resolution_hours,
         max(extract(epoch FROM resolved_at - opened_at) / 3600)::float8 AS max_resolution_hours,
         count(*) FILTER (WHERE recent AND tone IS NOT NULL)::int AS toned_cases,
         count(*) FILTER (WHERE recent AND tone = 'negative')::int AS negative_tone_cases
  FROM windowed GROUP BY customer_id
),
top_issue AS (
  SELECT DISTINCT ON (customer_id) customer_id, issue_code
  FROM (SELECT customer_id, issue_code,
               coalesce(sum(reopen_count), 0) + count(*) FILTER (WHERE escalated) AS trouble,
               count(*) AS cases
        FROM windowed GROUP BY customer_id, issue_code) t
  ORDER BY customer_id, trouble DESC, cases DESC, issue_code
)
SELECT ids.customer_id,
       a.last_event_time,
       p.lifetime_value::float8 AS lifetime_value,
       csat.last_csat, csat.previous_csat,
       nps.last_nps, nps.last_nps_category, nps.previous_nps,
       sq.level AS servqual_level, sq.gap AS servqual_gap,
       coalesce(cs.recent_cases, 0) AS recent_cases,
       coalesce(cs.window_cases, 0) AS window_cases,
       coalesce(cs.reopens, 0) AS reopens,
       coalesce(cs.escalations, 0) AS escalations,
       ti.issue_code AS top_issue_code,
       cs.median_resolution_hours, cs.max_resolution_hours,
       coalesce(cs.toned_cases, 0) AS toned_cases,
       coalesce(cs.negative_tone_cases, 0) AS negative_tone_cases
FROM ids
JOIN anchor a USING (customer_id)
LEFT JOIN insights.customer_profiles p USING (customer_id)
LEFT JOIN csat USING (customer_id)
LEFT JOIN nps USING (customer_id)
LEFT JOIN servqual sq USING (customer_id)
LEFT JOIN case_signals cs USING (customer_id)
LEFT JOIN top_issue ti USING (customer_id)
ORDER BY ids.customer_id`;

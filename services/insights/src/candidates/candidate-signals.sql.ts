import { PROGRAMMES } from './domain/candidate-signals';

/**
 * The candidate signals of the given customers ($1) in one statement, from their stored facts, their
 * profile (consent, segment, value) and their churn-risk state (the churn step ran just before in the
 * same transaction, so it is current). $2 is the resolution norm in hours: a case resolved well was
 * solved or closed within it, never reopened (an unknown reopen count counts as none) and never
 * escalated. Answers and the case are the latest of any age; the pure rules apply the windows,
 * counted back from `at`, the customer's latest fact version time (never the clock).
 */
export const CANDIDATE_SIGNALS_SQL = `
WITH ids AS (
  SELECT DISTINCT unnest($1::text[]) AS customer_id
),
-- Only the columns used: the wide ones (texts, snapshots) made these rows spill to disk.
cases AS MATERIALIZED (
  SELECT customer_id, case_id, source, event_time, status, issue_code, channel, opened_at, resolved_at,
         reopen_count, escalated
  FROM insights.case_facts WHERE customer_id = ANY($1::text[])
),
surveys AS MATERIALIZED (
  SELECT customer_id, response_id, source, event_time, responded_at, csat, nps,
         scores -> 'servqual' AS servqual
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[])
),
facts AS (
  SELECT customer_id, max(event_time) AS at, min(seen_at) AS first_seen_at
  FROM (SELECT customer_id, event_time, opened_at AS seen_at FROM cases
        UNION ALL
        SELECT customer_id, event_time, responded_at FROM surveys) f
  GROUP BY customer_id
),
last_nps AS (
  SELECT DISTINCT ON (customer_id) customer_id, nps, response_id, source, responded_at
  FROM surveys WHERE nps IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
),
last_csat AS (
  SELECT DISTINCT ON (customer_id) customer_id, csat, response_id, source, responded_at
  FROM surveys WHERE csat IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
),
last_servqual AS (
  SELECT DISTINCT ON (customer_id) customer_id,
         servqual ->> 'level' AS level,
         (servqual ->> 'weightedGap')::float8 AS gap,
         response_id, source, responded_at
  FROM surveys WHERE servqual ->> 'level' IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
),
survey_counts AS (
  SELECT customer_id, count(*)::int AS surveys FROM surveys GROUP BY customer_id
),
resolved_well AS (
  SELECT DISTINCT ON (customer_id) customer_id, case_id, source, issue_code, channel, opened_at, resolved_at
  FROM cases
  WHERE status IN ('solved', 'closed')
    AND resolved_at IS NOT NULL
    AND coalesce(reopen_count, 0) = 0
    AND escalated IS NOT TRUE
    AND resolved_at - opened_at <= make_interval(secs => $2::float8 * 3600)
  ORDER BY customer_id, resolved_at DESC, source, case_id
),
escalated_open AS (
  SELECT DISTINCT ON (customer_id) customer_id, case_id
  FROM cases WHERE status IN ('open', 'pending') AND escalated
  ORDER BY customer_id, opened_at DESC, case_id
)
SELECT ids.customer_id,
       f.at, f.first_seen_at,
       p.segment, p.consent, p.lifetime_value::float8 AS lifetime_value,
       n.nps, n.response_id AS nps_response_id, n.source AS nps_source, n.responded_at AS nps_at,
       c.csat, c.response_id AS csat_response_id, c.source AS csat_source, c.responded_at AS csat_at,
       s.level AS servqual_level, s.gap AS servqual_gap, s.response_id AS servqual_response_id,
       s.source AS servqual_source, s.responded_at AS servqual_at,
       coalesce(sc.surveys, 0) AS surveys_answered,
       rw.case_id, rw.source AS case_source, rw.issue_code, rw.channel, rw.opened_at, rw.resolved_at,
       CASE WHEN r.level = 'at_risk' THEN r.score END AS churn_risk_score,
       eo.case_id AS escalated_case_id
FROM ids
LEFT JOIN facts f USING (customer_id)
LEFT JOIN insights.customer_profiles p USING (customer_id)
LEFT JOIN last_nps n USING (customer_id)
LEFT JOIN last_csat c USING (customer_id)
LEFT JOIN last_servqual s USING (customer_id)
LEFT JOIN survey_counts sc USING (customer_id)
LEFT JOIN resolved_well rw USING (customer_id)
LEFT JOIN insights.churn_risk r USING (customer_id)
LEFT JOIN escalated_open eo USING (customer_id)
ORDER BY ids.customer_id`;

/**
 * Which of the given customers ($1) can have a candidacy change at all: those who consent to a
 * programme (their profile, refreshed earlier in the transaction) and those with an open candidacy
 * (which may have to be withdrawn). Anyone else is blocked from being raised by `no_consent`
 * (domain/assess-candidate.ts) and has nothing to withdraw, so reading their signals — every fact of
 * theirs — would decide nothing. Two primary-key probes per customer.
 */
export const CANDIDACY_POSSIBLE_SQL = `
SELECT ids.customer_id
FROM (SELECT DISTINCT unnest($1::text[]) AS customer_id) ids
WHERE EXISTS (SELECT 1 FROM insights.customer_profiles p
              WHERE p.customer_id = ids.customer_id
                AND (${PROGRAMMES.map((programme) => `p.consent @> '{"${programme}": true}'`).join(' OR ')}))
   OR EXISTS (SELECT 1 FROM insights.case_study_candidates c
              WHERE c.customer_id = ids.customer_id AND c.level = 'candidate')
ORDER BY ids.customer_id`;

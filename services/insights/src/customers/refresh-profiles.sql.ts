/**
 * Recomputes the profiles of the given customers ($1) from their facts, in one statement. Deriving
 * instead of incrementing keeps a profile right under redelivery, corrections and replays; touching
 * only the batch's customers keeps it a small, indexed read.
 */
export const REFRESH_PROFILES_SQL = `
WITH ids AS (
  SELECT DISTINCT unnest($1::text[]) AS customer_id
),
customer_facts AS (
  SELECT customer_id, customer, event_time FROM insights.case_facts WHERE customer_id = ANY($1::text[])
  UNION ALL
  SELECT customer_id, customer, event_time FROM insights.survey_facts WHERE customer_id = ANY($1::text[])
),
-- Each attribute from the latest event that carries it: a survey tool that knows only the customer
-- id must not wipe the segment the help desk sent.
latest_segment AS (
  SELECT DISTINCT ON (customer_id) customer_id, customer -> 'segment' AS segment
  FROM customer_facts WHERE customer -> 'segment' <> '{}'::jsonb
  ORDER BY customer_id, event_time DESC
),
latest_value AS (
  SELECT DISTINCT ON (customer_id) customer_id, (customer ->> 'lifetimeValue')::numeric AS lifetime_value
  FROM customer_facts WHERE customer ->> 'lifetimeValue' IS NOT NULL
  ORDER BY customer_id, event_time DESC
),
latest_consent AS (
  SELECT DISTINCT ON (customer_id) customer_id, customer -> 'consent' AS consent
  FROM customer_facts WHERE customer -> 'consent' <> '{}'::jsonb
  ORDER BY customer_id, event_time DESC
),
cases AS (
  SELECT customer_id,
         count(*)::int AS cases_total,
         count(*) FILTER (WHERE status IN ('open', 'pending'))::int AS open_cases,
         max(greatest(opened_at, first_response_at, resolved_at)) AS last_case_contact
  FROM insights.case_facts WHERE customer_id = ANY($1::text[])
  GROUP BY customer_id
),
surveys AS (
  SELECT customer_id, count(*)::int AS surveys_total, max(responded_at) AS last_survey_at
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[])
  GROUP BY customer_id
),
last_csat AS (
  SELECT DISTINCT ON (customer_id) customer_id, csat, responded_at
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[]) AND csat IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
),
last_nps AS (
  SELECT DISTINCT ON (customer_id) customer_id, nps, nps_category, responded_at
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[]) AND nps IS NOT NULL
  ORDER BY customer_id, responded_at DESC, response_id DESC
)
INSERT INTO insights.customer_profiles AS p (
  customer_id, segment, lifetime_value, consent, cases_total, open_cases, surveys_total,
  last_csat, last_csat_at, last_nps, nps_category, last_nps_at, last_contact_at, updated_at
)
SELECT ids.customer_id,
       coalesce(seg.segment, '{}'::jsonb),
       val.lifetime_value,
       coalesce(con.consent, '{}'::jsonb),
       coalesce(c.cases_total, 0),
       coalesce(c.open_cases, 0),
       coalesce(s.surveys_total, 0),
       csat.csat, csat.responded_at,
       nps.nps, nps.nps_category, nps.responded_at,
       greatest(c.last_case_contact, s.last_survey_at),
       now()
FROM ids
LEFT JOIN latest_segment seg USING (customer_id)
LEFT JOIN latest_value val USING (customer_id)
LEFT JOIN latest_consent con USING (customer_id)
LEFT JOIN cases c USING (customer_id)
LEFT JOIN surveys s USING (customer_id)
LEFT JOIN last_csat csat USING (customer_id)
LEFT JOIN last_nps nps USING (customer_id)
ON CONFLICT (customer_id) DO UPDATE SET
  segment = EXCLUDED.segment,
  lifetime_value = EXCLUDED.lifetime_value,
  consent = EXCLUDED.consent,
  cases_total = EXCLUDED.cases_total,
  open_cases = EXCLUDED.open_cases,
  surveys_total = EXCLUDED.surveys_total,
  last_csat = EXCLUDED.last_csat,
  last_csat_at = EXCLUDED.last_csat_at,
  last_nps = EXCLUDED.last_nps,
  nps_category = EXCLUDED.nps_category,
  last_nps_at = EXCLUDED.last_nps_at,
  last_contact_at = EXCLUDED.last_contact_at,
  updated_at = EXCLUDED.updated_at`;

/**
 * Serialises profile refreshes per customer across transactions (the case and the survey consumers
 * run side by side). Taken in sorted order so two batches can never deadlock; held until commit, so the
 * refresh that follows sees the other transaction's committed facts.
 */
export const LOCK_CUSTOMERS_SQL = `
SELECT pg_advisory_xact_lock(lock_key)
FROM (SELECT DISTINCT hashtextextended(id, 0) AS lock_key FROM unnest($1::text[]) AS id ORDER BY 1) keys`;

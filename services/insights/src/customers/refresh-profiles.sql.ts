import { TONE_LABELS } from '@supportlens/contracts';
import { CONSENT_KINDS, SEGMENT_ATTRIBUTES } from './domain/customer-attributes';
import { emptyCaseWindows, NORM_WINDOW, PROFILE_WINDOWS, RECENT_TONE_CASES } from './domain/profile-windows';

// Constants of the code, never input: safe to write into the statement.
const EMPTY_WINDOWS = `'${JSON.stringify(emptyCaseWindows())}'::jsonb`;

/** Newest first, with a total order over snapshots: the same facts always pick the same "latest". */
const NEWEST_FIRST = 'ORDER BY event_time DESC, customer::text DESC';

/** The latest non-null value at `path` of the customer snapshot, as `type`. */
function latest(path: string, type: string): string {
  return `(array_agg((customer #>> '{${path}}')::${type} ${NEWEST_FIRST})
            FILTER (WHERE customer #>> '{${path}}' IS NOT NULL))[1]`;
}

/** An object of the latest value of each key that any event carried (keys never carried are absent). */
function latestObject(field: string, keys: readonly string[], type: string): string {
  const pairs = keys.map((key) => `'${key}', ${latest(`${field},${key}`, type)}`);
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(',\n           ')}))`;
}

const LARGEST_WINDOW = PROFILE_WINDOWS[PROFILE_WINDOWS.length - 1];

/** Column-name suffix of a window (`7d` → `w7`). */
const suffix = (window: { days: number }) => `w${window.days}`;

/** Whether a case of the largest window also falls in each window. */
const IN_WINDOW_FLAGS = PROFILE_WINDOWS.map(
  (window) => `c.opened_at > a.as_of - make_interval(days => ${window.days}) AS in_${suffix(window)}`,
).join(',\n         ');

/** Each window's case count: all that the splits by status and by channel need. */
const WINDOW_CASE_COUNTS = PROFILE_WINDOWS.map(
  (window) => `count(*) FILTER (WHERE in_${suffix(window)})::int AS cases_${suffix(window)}`,
);

/** Everything a window's total and its split by issue code hold; the medians are the costly part. */
const WINDOW_AGGREGATES = PROFILE_WINDOWS.map((window) => {
  const w = suffix(window);
  const only = `FILTER (WHERE in_${w})`;
  return [
    `count(*) FILTER (WHERE in_${w} AND reopen_count > 0)::int AS reopened_${w}`,
    `coalesce(sum(reopen_count) ${only}, 0)::int AS reopens_${w}`,
    `count(*) FILTER (WHERE in_${w} AND escalated)::int AS escalated_${w}`,
    `count(hours) ${only}::int AS resolved_${w}`,
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) ${only} AS median_${w}`,
    ...TONE_LABELS.map((tone) => `count(*) FILTER (WHERE in_${w} AND tone = '${tone}')::int AS ${tone}_${w}`),
  ];
}).flat();

/** The same columns as WINDOW_AGGREGATES, empty: the splits by status and channel leave them out. */
const NO_WINDOW_AGGREGATES = WINDOW_AGGREGATES.map((aggregate) => `NULL AS ${aggregate.split(' AS ').pop()}`);

/** Each window's document (see CaseWindow); a key with no case in the window is left out. */
const WINDOW_DOCUMENTS = PROFILE_WINDOWS.map((window) => {
  const w = suffix(window);
  const total = (column: string) => `max(${column}_${w}) FILTER (WHERE grouping_set = 7)`;
  const split = (key: string, set: number) =>
    `coalesce(jsonb_object_agg(${key}, cases_${w}) FILTER (WHERE grouping_set = ${set} AND cases_${w} > 0), '{}')`;
  return `'${window.label}', jsonb_build_object(
             'cases', ${total('cases')},
             'byStatus', ${split('status', 3)},
             'byIssueCode', ${split('issue_code', 5)},
             'byChannel', ${split('channel', 6)},
             'reopenedCases', ${total('reopened')},
             'reopens', ${total('reopens')},
             'escalated', ${total('escalated')},
             'resolution', jsonb_build_object(
               'resolved', ${total('resolved')},
               'medianHours', ${total('median')},
               'byIssueCode', coalesce(jsonb_object_agg(issue_code, jsonb_build_object(
                   'resolved', resolved_${w}, 'medianHours', median_${w})
                 ) FILTER (WHERE grouping_set = 5 AND resolved_${w} > 0), '{}')),
             'tone', jsonb_build_object(${TONE_LABELS.map((tone) => `'${tone}', ${total(tone)}`).join(', ')}))`;
}).join(',\n           ');

const LATEST_ATTRIBUTES = [
  `${latestObject('segment', SEGMENT_ATTRIBUTES, 'text')} AS segment`,
  `${latestObject('consent', CONSENT_KINDS, 'boolean')} AS consent`,
  `${latest('lifetimeValue', 'numeric')} AS lifetime_value`,
].join(',\n         ');

/**
 * Recomputes the profiles of the given customers ($1) from their facts, in one statement. Deriving
 * instead of incrementing keeps a profile right under redelivery, corrections and replays; touching
 * only the batch's customers keeps it a small, indexed read (their facts, by `customer_id`).
 *
 * Nothing derived depends on the clock: the windows end at the customer's latest fact (`as_of`, the
 * largest event time of their cases and responses) and every "latest" has a total order, so the same
 * facts give the same profile whatever the order and batching they arrived in. `updated_at` is
 * bookkeeping only. The resolution *norm* is not stored: it depends on every customer's facts, so a
 * stored copy would depend on which other batches had landed first; it is read with the profile
 * (`RESOLUTION_NORMS_SQL`).
 */
export const REFRESH_PROFILES_SQL = `
WITH ids AS (
  SELECT DISTINCT unnest($1::text[]) AS customer_id
),
-- Each fact is read once (a customer's cases lie on as many pages as they have cases).
cases AS MATERIALIZED (
  SELECT customer_id, source, case_id, event_time, customer, channel, status, issue_code, opened_at,
         first_response_at, resolved_at, escalated, reopen_count, tone
  FROM insights.case_facts WHERE customer_id = ANY($1::text[])
),
surveys AS MATERIALIZED (
  SELECT customer_id, source, response_id, event_time, customer, responded_at, csat, nps, nps_category,
         scores -> 'servqual' AS servqual
  FROM insights.survey_facts WHERE customer_id = ANY($1::text[])
),
-- The distinct customer snapshots the facts carry, each with the latest event time it was seen at:
-- a customer's facts mostly repeat one snapshot, so the attributes are picked from a handful of rows.
snapshots AS (
  SELECT customer_id, customer, max(event_time) AS event_time
  FROM (SELECT customer_id, customer, event_time FROM cases
        UNION ALL
        SELECT customer_id, customer, event_time FROM surveys) f
  GROUP BY customer_id, customer
),
-- The anchor (latest fact) and each attribute from the latest event that carries it, so a survey tool
-- that knows only the customer id, or only the plan, does not wipe what the help desk sent. Ties on
-- time go to the larger snapshot text: the choice depends on the facts, never on arrival order.
attributes AS (
  SELECT customer_id,
         max(event_time) AS as_of,
         ${LATEST_ATTRIBUTES}
  FROM snapshots GROUP BY customer_id
),
case_totals AS (
  SELECT customer_id,
         count(*)::int AS cases_total,
         count(*) FILTER (WHERE status IN ('open', 'pending'))::int AS open_cases,
         max(greatest(opened_at, first_response_at, resolved_at)) AS last_case_contact
  FROM cases GROUP BY customer_id
),
-- The cases of the largest window, each flagged with the smaller windows it also falls in.
recent_cases AS (
  SELECT c.customer_id, c.status, c.issue_code, c.channel, c.reopen_count, c.escalated, c.tone,
         extract(epoch FROM c.resolved_at - c.opened_at)::float8 / 3600 AS hours,
         ${IN_WINDOW_FLAGS}
  FROM cases c JOIN attributes a USING (customer_id)
  WHERE c.opened_at > a.as_of - make_interval(days => ${LARGEST_WINDOW.days})
),
-- Every window's totals and splits. grouping_set: 7 = the total, 3 = by status, 5 = by issue code,
-- 6 = by channel. Only the total and the split by issue code carry the other counts and the medians
-- (the splits by status and channel need the case counts alone, and their medians cost most).
window_counts AS (
  SELECT customer_id, NULL AS status, issue_code, NULL AS channel,
         CASE GROUPING(issue_code) WHEN 1 THEN 7 ELSE 5 END AS grouping_set,
         ${WINDOW_CASE_COUNTS.join(',\n         ')},
         ${WINDOW_AGGREGATES.join(',\n         ')}
  FROM recent_cases
  GROUP BY GROUPING SETS ((customer_id), (customer_id, issue_code))
  UNION ALL
  SELECT customer_id, status, NULL, channel,
         CASE GROUPING(status) WHEN 0 THEN 3 ELSE 6 END,
         ${WINDOW_CASE_COUNTS.join(',\n         ')},
         ${NO_WINDOW_AGGREGATES.join(',\n         ')}
  FROM recent_cases
  GROUP BY GROUPING SETS ((customer_id, status), (customer_id, channel))
),
windows AS (
  SELECT customer_id, jsonb_build_object(${WINDOW_DOCUMENTS}) AS case_windows
  FROM window_counts GROUP BY customer_id
),
-- The tone of each customer's last cases: read newest first from case_facts_customer_opened, so a
-- customer's long history is never sorted for its last few cases.
recent_tone AS (
  SELECT ids.customer_id, jsonb_build_object(
           'cases', count(*),
           'negative', count(*) FILTER (WHERE r.tone = 'negative'),
           'neutral', count(*) FILTER (WHERE r.tone = 'neutral'),
           'positive', count(*) FILTER (WHERE r.tone = 'positive')) AS recent_tone
  FROM ids CROSS JOIN LATERAL (
    SELECT f.tone FROM insights.case_facts f
    WHERE f.customer_id = ids.customer_id
    ORDER BY f.opened_at DESC, f.source DESC, f.case_id DESC
    LIMIT ${RECENT_TONE_CASES}) r
  GROUP BY ids.customer_id
),
-- The last two answers of each measure, newest first (ties by response, so the order is total).
answers AS (
  SELECT customer_id,
         count(*)::int AS surveys_total,
         max(responded_at) AS last_survey_at,
         array_agg(csat ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE csat IS NOT NULL) AS csat,
         array_agg(responded_at ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE csat IS NOT NULL) AS csat_at,
         array_agg(nps ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE nps IS NOT NULL) AS nps,
         array_agg(nps_category ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE nps IS NOT NULL) AS nps_category,
         array_agg(responded_at ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE nps IS NOT NULL) AS nps_at,
         array_agg(servqual ->> 'level' ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE servqual IS NOT NULL) AS servqual_level,
         array_agg((servqual ->> 'weightedGap')::float8 ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE servqual IS NOT NULL) AS servqual_gap,
         array_agg(responded_at ORDER BY responded_at DESC, response_id DESC, source DESC)
           FILTER (WHERE servqual IS NOT NULL) AS servqual_at
  FROM surveys GROUP BY customer_id
)
INSERT INTO insights.customer_profiles AS p (
  customer_id, segment, lifetime_value, consent, cases_total, open_cases, surveys_total,
  last_csat, last_csat_at, previous_csat, previous_csat_at,
  last_nps, nps_category, last_nps_at, previous_nps, previous_nps_category, previous_nps_at,
  servqual_level, servqual_gap, servqual_at, previous_servqual_level, previous_servqual_gap, previous_servqual_at,
  last_contact_at, as_of, case_windows, recent_tone, updated_at
)
SELECT ids.customer_id,
       coalesce(a.segment, '{}'::jsonb),
       a.lifetime_value,
       coalesce(a.consent, '{}'::jsonb),
       coalesce(c.cases_total, 0),
       coalesce(c.open_cases, 0),
       coalesce(s.surveys_total, 0),
       s.csat[1], s.csat_at[1], s.csat[2], s.csat_at[2],
       s.nps[1], s.nps_category[1], s.nps_at[1], s.nps[2], s.nps_category[2], s.nps_at[2],
       s.servqual_level[1], s.servqual_gap[1], s.servqual_at[1],
       s.servqual_level[2], s.servqual_gap[2], s.servqual_at[2],
       greatest(c.last_case_contact, s.last_survey_at),
       a.as_of,
       ${EMPTY_WINDOWS} || coalesce(w.case_windows, '{}'::jsonb),
       coalesce(t.recent_tone, '{"cases": 0, "negative": 0, "neutral": 0, "positive": 0}'::jsonb),
       now()
FROM ids
LEFT JOIN attributes a USING (customer_id)
LEFT JOIN case_totals c USING (customer_id)
LEFT JOIN answers s USING (customer_id)
LEFT JOIN windows w USING (customer_id)
LEFT JOIN recent_tone t USING (customer_id)
ON CONFLICT (customer_id) DO UPDATE SET
  segment = EXCLUDED.segment,
  lifetime_value = EXCLUDED.lifetime_value,
  consent = EXCLUDED.consent,
  cases_total = EXCLUDED.cases_total,
  open_cases = EXCLUDED.open_cases,
  surveys_total = EXCLUDED.surveys_total,
  last_csat = EXCLUDED.last_csat,
  last_csat_at = EXCLUDED.last_csat_at,
  previous_csat = EXCLUDED.previous_csat,
  previous_csat_at = EXCLUDED.previous_csat_at,
  last_nps = EXCLUDED.last_nps,
  nps_category = EXCLUDED.nps_category,
  last_nps_at = EXCLUDED.last_nps_at,
  previous_nps = EXCLUDED.previous_nps,
  previous_nps_category = EXCLUDED.previous_nps_category,
  previous_nps_at = EXCLUDED.previous_nps_at,
  servqual_level = EXCLUDED.servqual_level,
  servqual_gap = EXCLUDED.servqual_gap,
  servqual_at = EXCLUDED.servqual_at,
  previous_servqual_level = EXCLUDED.previous_servqual_level,
  previous_servqual_gap = EXCLUDED.previous_servqual_gap,
  previous_servqual_at = EXCLUDED.previous_servqual_at,
  last_contact_at = EXCLUDED.last_contact_at,
  as_of = EXCLUDED.as_of,
  case_windows = EXCLUDED.case_windows,
  recent_tone = EXCLUDED.recent_tone,
  updated_at = EXCLUDED.updated_at`;

/**
 * Serialises profile refreshes per customer across transactions (the case and the survey consumers
 * run side by side). Taken in sorted order so two batches can never deadlock; held until commit, so the
 * refresh that follows sees the other transaction's committed facts.
 */
export const LOCK_CUSTOMERS_SQL = `
SELECT pg_advisory_xact_lock(lock_key)
FROM (SELECT DISTINCT hashtextextended(id, 0) AS lock_key FROM unnest($1::text[]) AS id ORDER BY 1) keys`;

/**
 * The resolution norm of each issue code in one customer's ($1) norm window: the median resolution
 * hours of *every* customer's cases of that code opened in `(as_of − 90 days, as_of]` of this customer
 * and resolved, and how many cases it is taken over. Read with the profile rather than stored in it
 * (see REFRESH_PROFILES_SQL): per code an index-only range scan of
 * `case_facts (issue_code, opened_at) INCLUDE (resolved_at)`, so its cost is the number of cases of
 * the customer's codes in 90 days, never a scan of the table. Meant for one profile at a time (the
 * API); a batch of customers would repeat that work per customer.
 */
export const RESOLUTION_NORMS_SQL = `
SELECT codes.issue_code, count(*)::int AS cases,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.resolved_at - f.opened_at)::float8 / 3600)
         AS median_hours
FROM insights.customer_profiles p
CROSS JOIN LATERAL jsonb_object_keys(p.case_windows -> '${NORM_WINDOW.label}' -> 'resolution' -> 'byIssueCode')
  AS codes(issue_code)
JOIN insights.case_facts f
  ON f.issue_code = codes.issue_code
 AND f.opened_at > p.as_of - make_interval(days => ${NORM_WINDOW.days})
 AND f.opened_at <= p.as_of
 AND f.resolved_at IS NOT NULL
WHERE p.customer_id = $1
GROUP BY codes.issue_code`;

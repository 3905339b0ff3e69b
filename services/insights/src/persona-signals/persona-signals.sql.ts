import { SEGMENT_GROUP_PREFIX } from '../customers/domain/segments';

/**
 * SQL of the persona-signal detector. Each statement takes the batch's segments as arrays and runs
 * once per batch, whatever the number of segments.
 */

/** Advisory-lock namespace of segments (two-int4 form; see satisfaction-rollup.repository.ts for 51_001/51_002). */
export const SEGMENT_LOCK_NAMESPACE = 51_020;

/**
 * Locks the segments ($1 keys, `attribute=value`) in sorted order (two batches never deadlock), then
 * returns when each was last evaluated. Under the lock a batch sees the signals and versions the
 * previous batch committed, so two batches never announce the same sequence number.
 */
export const LOCK_SEGMENTS_SQL = `
SELECT pg_advisory_xact_lock(${SEGMENT_LOCK_NAMESPACE}, lock_key)
FROM (SELECT DISTINCT hashtext(key) AS lock_key FROM unnest($1::text[]) AS key ORDER BY 1) keys`;

export const EVALUATED_AT_SQL = `
SELECT e.attribute, e.segment_value, e.evaluated_at
FROM insights.persona_segment_evaluations e
JOIN unnest($1::text[], $2::text[]) AS s(attribute, segment_value) USING (attribute, segment_value)`;

/**
 * The groups to read, numbered from 1 in the order given ($1 kind, $2 value, $3 first day read,
 * $4 first day of the current window, $5 end of the window, exclusive). A segment is read over both
 * windows, the base (`none`/`all`) over the current one only.
 */
const GROUPS_CTE = `
groups AS (
  SELECT ordinality::int AS g, group_kind, group_value, first_day, current_start, window_end
  FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::date[]) WITH ORDINALITY
    AS u(group_kind, group_value, first_day, current_start, window_end)
)`;

/**
 * Case counts per group × window × issue code, and per group × window × channel, summed from
 * `insights.case_daily` (an index range per group, or one scan when the batch asks for most groups).
 * Grouped by the group's number and by codes in the "C" collation: the same groups, without the cost
 * of sorting by locale.
 */
export const CASE_COUNTS_SQL = `
WITH ${GROUPS_CTE},
summed AS (
  SELECT g.g, (d.day >= g.current_start) AS current,
         d.issue_code COLLATE "C" AS issue_code, d.channel COLLATE "C" AS channel, sum(d.cases) AS cases
  FROM groups g
  JOIN insights.case_daily d
    ON d.group_kind = g.group_kind AND d.group_value = g.group_value
   AND d.day >= g.first_day AND d.day < g.window_end
  GROUP BY 1, 2, 3, 4
)
SELECT g, current,
       CASE WHEN GROUPING(issue_code) = 0 THEN 'issue' ELSE 'channel' END AS dimension,
       coalesce(issue_code, channel) AS item,
       sum(cases)::int AS cases
FROM summed
GROUP BY GROUPING SETS ((g, current, issue_code), (g, current, channel))
HAVING sum(cases) > 0`;

/** CSAT and NPS answers per group × window, summed from `insights.satisfaction_daily`. */
export const SATISFACTION_COUNTS_SQL = `
WITH ${GROUPS_CTE}
SELECT g.g, (s.day >= g.current_start) AS current,
       sum(s.csat_responses)::int AS csat_responses,
       sum(s.csat_satisfied)::int AS csat_satisfied,
       sum(s.nps_promoters)::int AS nps_promoters,
       sum(s.nps_passives)::int AS nps_passives,
       sum(s.nps_detractors)::int AS nps_detractors
FROM groups g
JOIN insights.satisfaction_daily s
  ON s.group_kind = g.group_kind AND s.group_value = g.group_value
 AND s.day >= g.first_day AND s.day < g.window_end
GROUP BY 1, 2`;

/** Every stored signal of the segments ($1 attributes, $2 values), open or cleared (for its version). */
export const STORED_SIGNALS_SQL = `
SELECT p.key, p.attribute, p.segment_value, p.dimension, p.item, p.status, p.support, p.headline,
       p.direction, p.ratio, p.difference_points, p.raised_at, p.version
FROM insights.persona_signals p
JOIN unnest($1::text[], $2::text[]) AS s(attribute, segment_value) USING (attribute, segment_value)`;

/** The latest case or answer time: "now" at a catch-up's end (a segment is dated by either). */
export const LATEST_FACT_TIME_SQL = `
SELECT greatest((SELECT max(event_time) FROM insights.case_facts),
                (SELECT max(responded_at) FROM insights.survey_facts)) AS now`;

/**
 * Every segment a catch-up's end judges: those with cases or answers in the days [$1, $2) (both
 * windows of the evaluation), as (attribute, segment_value). Rows kept at zero do not count: whether
 * one exists depends on how the input was batched.
 */
export const SEGMENTS_TO_JUDGE_SQL = `
SELECT substr(group_kind, ${SEGMENT_GROUP_PREFIX.length + 1}) AS attribute, group_value AS segment_value
FROM insights.case_daily
WHERE group_kind LIKE '${SEGMENT_GROUP_PREFIX}%' AND day >= $1::date AND day < $2::date
GROUP BY group_kind, group_value HAVING sum(cases) > 0
UNION
SELECT substr(group_kind, ${SEGMENT_GROUP_PREFIX.length + 1}), group_value
FROM insights.satisfaction_daily
WHERE group_kind LIKE '${SEGMENT_GROUP_PREFIX}%' AND day >= $1::date AND day < $2::date
GROUP BY group_kind, group_value HAVING sum(responses) > 0`;

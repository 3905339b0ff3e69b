import { BusinessClock } from './domain/business-clock';
import { NO_VALUE, SegmentAttribute, ServiceDimension, ServicePeriod } from './domain/service-groupings';

/**
 * The SQL behind the service metrics: which case counts in which measure (one definition, used by
 * the grouped table and the row export alike; docs/metrics.md explains each), the group keys, the
 * filters and the business clock. Column and key expressions come from the lists here; every value
 * from a request is a bound parameter.
 */

/** Which cases a request covers: opened in `[from, to)`, and each optional filter equal. */
export interface ServiceFilter {
  from: Date;
  to: Date;
  channel?: string;
  issueCode?: string;
  agent?: string;
  segment: Partial<Record<SegmentAttribute, string>>;
}

/** Positional parameters of one statement. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$3`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The WHERE conditions of a filter over `insights.case_facts f`. */
export function filterConditions(filter: ServiceFilter, params: SqlParameters): string {
  const conditions = [
    `f.opened_at >= ${params.add(filter.from.toISOString())}::timestamptz`,
    `f.opened_at < ${params.add(filter.to.toISOString())}::timestamptz`,
  ];
  if (filter.channel !== undefined) conditions.push(`f.channel = ${params.add(filter.channel)}`);
  if (filter.issueCode !== undefined) conditions.push(`f.issue_code = ${params.add(filter.issueCode)}`);
  if (filter.agent !== undefined) conditions.push(`f.agent_id = ${params.add(filter.agent)}`);
  for (const [attribute, value] of Object.entries(filter.segment)) {
    if (value === undefined) continue;
    conditions.push(`f.customer -> 'segment' ->> ${params.add(attribute)} = ${params.add(value)}`);
  }
  return conditions.join(' AND ');
}

const PERIOD_FORMAT: Record<ServicePeriod, string> = {
  day: 'YYYY-MM-DD',
  // ISO week: Monday to Sunday, labelled with its ISO week-numbering year (2026-W45).
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
};

/** The group value of a case on a dimension; `none` when the case has none. */
export function dimensionSql(dimension: ServiceDimension, period: ServicePeriod): string {
  switch (dimension) {
    case 'period':
      return `to_char(f.opened_at AT TIME ZONE 'UTC', '${PERIOD_FORMAT[period]}')`;
    case 'channel':
      return 'f.channel';
    case 'issueCode':
      return 'f.issue_code';
    case 'agent':
      return `coalesce(f.agent_id, '${NO_VALUE}')`;
    default: {
      const attribute = dimension.slice('segment.'.length);
      return `coalesce(f.customer -> 'segment' ->> '${attribute}', '${NO_VALUE}')`;
    }
  }
}

/**
 * What each case contributes, as columns of `insights.case_facts f` (null: the case does not say, and
 * is left out of that measure):
 * - a case on `self_service` is a self-service session; an assisted case (any other channel) whose
 *   customer tried self-service first (`selfServiceAttempted`, or `selfServiceAbandoned` true) records
 *   one more session; the session's abandonment is `selfServiceAbandoned`;
 * - time to resolution only for a case that is solved or closed now (a reopened case that carries its
 *   earlier `resolvedAt` is not resolved);
 * - missed and chat duration (`handleSeconds`) only on chats; a missed chat has no duration.
 */
export const CASE_MEASURES_SQL = `
  f.channel <> 'self_service' AS assisted,
  f.channel = 'self_service' AS self_service_case,
  (f.channel <> 'self_service' AND (f.self_service_attempted OR f.self_service_abandoned) IS TRUE)
    AS self_service_attempt,
  CASE WHEN f.channel = 'self_service' OR (f.self_service_attempted OR f.self_service_abandoned) IS TRUE
       THEN f.self_service_abandoned END AS self_service_session_abandoned,
  extract(epoch FROM f.first_response_at - f.opened_at)::float8 AS first_response_seconds,
  CASE WHEN f.status IN ('solved', 'closed') THEN extract(epoch FROM f.resolved_at - f.opened_at)::float8 END
    AS resolution_seconds,
  f.channel = 'chat' AS chat,
  CASE WHEN f.channel = 'chat' THEN f.missed END AS missed_chat,
  CASE WHEN f.channel = 'chat' AND f.missed IS NOT TRUE THEN f.handle_seconds END AS chat_duration_seconds`;

/** The business clock's arrays as three parameters of a statement. */
export interface ClockParameters {
  starts: string;
  seconds: string;
  before: string;
}

export function clockParameters(clock: BusinessClock, params: SqlParameters): ClockParameters {
  const arrays = clock.sqlArrays();
  return {
    starts: `${params.add(arrays.starts)}::timestamptz[]`,
    seconds: `${params.add(arrays.seconds)}::float8[]`,
    before: `${params.add(arrays.before)}::float8[]`,
  };
}

/**
 * The interval each timestamp falls in, found by binary search (`width_bucket`: the last interval
 * starting at or before it; 0 before the first). A lateral join over `f`, so each is searched once.
 */
export function clockBucketsSql(clock: ClockParameters): string {
  return `CROSS JOIN LATERAL (
    SELECT width_bucket(f.opened_at, ${clock.starts}) AS opened,
           width_bucket(f.first_response_at, ${clock.starts}) AS first_response,
           width_bucket(f.resolved_at, ${clock.starts}) AS resolved
  ) bucket`;
}

/**
 * The clock's reading at a (non-null) timestamp: the open seconds before its interval plus the part
 * of the interval up to it. Before the first interval the subscript is 0, the lookup null, the reading 0.
 */
function clockReading(column: string, bucket: string, clock: ClockParameters): string {
  return `coalesce((${clock.before})[${bucket}]
    + least(extract(epoch FROM ${column} - (${clock.starts})[${bucket}])::float8, (${clock.seconds})[${bucket}]), 0)`;
}

/** Business seconds to first response and to resolution, on the same terms as the calendar ones (needs {@link clockBucketsSql}). */
export function businessMeasuresSql(clock: ClockParameters): string {
  const opened = clockReading('f.opened_at', 'bucket.opened', clock);
  const firstResponse = clockReading('f.first_response_at', 'bucket.first_response', clock);
  const resolved = clockReading('f.resolved_at', 'bucket.resolved', clock);
  return `
  CASE WHEN f.first_response_at IS NOT NULL THEN ${firstResponse} - ${opened} END AS first_response_business_seconds,
  CASE WHEN f.status IN ('solved', 'closed') AND f.resolved_at IS NOT NULL THEN ${resolved} - ${opened} END
    AS resolution_business_seconds`;
}

/** The latest instant a clock has to cover for the cases of a filter: their last response or resolution. */
export function clockSpanSql(filter: ServiceFilter, params: SqlParameters): string {
  return `SELECT max(greatest(f.first_response_at, f.resolved_at)) AS until
          FROM insights.case_facts f WHERE ${filterConditions(filter, params)}`;
}

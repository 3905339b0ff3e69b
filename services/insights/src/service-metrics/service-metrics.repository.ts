import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import {
  businessMeasuresSql,
  CASE_MEASURES_SQL,
  clockBucketsSql,
  clockParameters,
  clockSpanSql,
  dimensionSql,
  filterConditions,
  ServiceFilter,
  SqlParameters,
} from './case-measures.sql';
import { BusinessCalendar } from './domain/business-calendar';
import { BusinessClock } from './domain/business-clock';
import { serviceFigures, ServiceTally } from './domain/service-figures';
import { groupKey, ServiceGroupingChoice } from './domain/service-groupings';
import { ServiceCasesPage, ServiceCaseView, ServiceMetricsRow } from './service-metrics.view';

type Row = Record<string, unknown>;

/** Most cases one page of the row export reads (also the chunk a CSV stream is written in). */
export const MAX_CASES_PAGE = 1000;

@Injectable()
export class ServiceMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every metric per group, and over all the cases (the total), in one statement over the case facts
   * of the range: exact percentiles, business times measured with the calendar in force now.
   */
  async table(
    filter: ServiceFilter,
    grouping: ServiceGroupingChoice,
    calendar: BusinessCalendar,
  ): Promise<{ rows: ServiceMetricsRow[]; total: ServiceMetricsRow }> {
    const clock = await this.clockFor(filter, calendar);
    const params = new SqlParameters();
    const where = filterConditions(filter, params);
    const clockParams = clockParameters(clock, params);
    const [d1, d2] = grouping.dimensions.map((dimension) => dimensionSql(dimension, grouping.period));
    const rows: Row[] = await this.dataSource.query(
      `WITH facts AS (
         SELECT ${d1} AS d1, ${d2 ?? `''`} AS d2, f.customer_id, f.channel, f.issue_code, f.hold_seconds,
                f.abandoned, f.escalated, f.reopen_count, f.cost, ${CASE_MEASURES_SQL},
                ${businessMeasuresSql(clockParams)}
         FROM insights.case_facts f
         ${clockBucketsSql(clockParams)}
         WHERE ${where}
       ),
       tallies AS (
         SELECT d1, d2, GROUPING(d1, d2) AS total,
                count(*)::int AS cases,
                count(*) FILTER (WHERE assisted)::int AS assisted_cases,
                count(DISTINCT customer_id) FILTER (WHERE assisted)::int AS customers_with_assisted_case,
                count(*) FILTER (WHERE self_service_case)::int AS self_service_cases,
                count(*) FILTER (WHERE self_service_attempt)::int AS self_service_attempts,
                count(self_service_session_abandoned)::int AS self_service_abandon_known,
                count(*) FILTER (WHERE self_service_session_abandoned)::int AS self_service_abandoned,
                count(first_response_seconds)::int AS first_responses,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS first_response_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) AS first_response_p90,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_business_seconds) AS first_response_business_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_business_seconds) AS first_response_business_p90,
                count(resolution_seconds)::int AS resolved_cases,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_seconds) AS resolution_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_seconds) AS resolution_p90,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_business_seconds) AS resolution_business_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_business_seconds) AS resolution_business_p90,
                count(hold_seconds)::int AS hold_reported,
                coalesce(sum(hold_seconds), 0)::float8 AS hold_seconds_sum,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY hold_seconds) AS hold_median,
                count(abandoned)::int AS abandon_known,
                count(*) FILTER (WHERE abandoned)::int AS abandoned,
                count(*) FILTER (WHERE chat)::int AS chats,
                count(missed_chat)::int AS missed_known,
                count(*) FILTER (WHERE missed_chat)::int AS missed_chats,
                count(chat_duration_seconds)::int AS chat_durations,
                coalesce(sum(chat_duration_seconds), 0)::float8 AS chat_duration_sum,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY chat_duration_seconds) AS chat_duration_median,
                count(escalated)::int AS escalation_known,
                count(*) FILTER (WHERE escalated)::int AS escalated,
                count(reopen_count)::int AS reopen_known,
                count(*) FILTER (WHERE reopen_count > 0)::int AS reopened_cases,
                coalesce(sum(reopen_count), 0)::int AS reopens,
                count(cost)::int AS cost_reported,
                coalesce(sum(cost), 0)::float8 AS total_cost
         FROM facts
         GROUP BY GROUPING SETS ((d1, d2), ())
       ),
       by_channel AS (
         SELECT d1, d2, total, jsonb_object_agg(channel, n) AS counts
         FROM (SELECT d1, d2, GROUPING(d1, d2) AS total, channel, count(*)::int AS n
               FROM facts GROUP BY GROUPING SETS ((d1, d2, channel), (channel))) c
         GROUP BY d1, d2, total
       ),
       by_issue AS (
         SELECT d1, d2, total, jsonb_object_agg(issue_code, n) AS counts
         FROM (SELECT d1, d2, GROUPING(d1, d2) AS total, issue_code, count(*)::int AS n
               FROM facts GROUP BY GROUPING SETS ((d1, d2, issue_code), (issue_code))) i
         GROUP BY d1, d2, total
       )
       SELECT t.*, c.counts AS by_channel, i.counts AS by_issue_code
       FROM tallies t
       LEFT JOIN by_channel c ON c.total = t.total AND c.d1 IS NOT DISTINCT FROM t.d1 AND c.d2 IS NOT DISTINCT FROM t.d2
       LEFT JOIN by_issue i ON i.total = t.total AND i.d1 IS NOT DISTINCT FROM t.d1 AND i.d2 IS NOT DISTINCT FROM t.d2
       ORDER BY t.total, t.d1, t.d2`,
      params.values,
    );
    const toRow = (row: Row): ServiceMetricsRow => {
      const values = row.total === 0 ? [String(row.d1), ...(d2 ? [String(row.d2)] : [])] : [];
      return {
        key: row.total === 0 ? groupKey(values) : 'total',
        group: Object.fromEntries(values.map((value, i) => [grouping.dimensions[i], value])),
        ...serviceFigures(toTally(row)),
      };
    };
    const groups = rows.filter((row) => row.total === 0).map(toRow);
    const totalRow = rows.find((row) => row.total !== 0);
    return {
      rows: groups,
      total: totalRow ? toRow(totalRow) : { key: 'total', group: {}, ...EMPTY_FIGURES },
    };
  }

  /** One page of the row export, oldest case first (then source, case id); keyset-paginated. */
  async casesPage(
    filter: ServiceFilter,
    calendar: BusinessCalendar,
    limit: number,
    cursor?: string,
  ): Promise<Omit<ServiceCasesPage, 'businessCalendar'>> {
    const after = cursor === undefined ? null : decodeCursor(cursor, ['timestamp', 'string', 'string']);
    const params = new SqlParameters();
    const where = filterConditions(filter, params);
    // The row comparison is the keyset; the plain `opened_at >=` beside it lets an index that starts
    // with another column (issue code…) then opened_at skip to the cursor instead of rereading the range.
    let keyset = '';
    if (after) {
      const opened = params.add(after[0]);
      keyset = `AND f.opened_at >= ${opened}::timestamptz
        AND (f.opened_at, f.source, f.case_id) > (${opened}::timestamptz, ${params.add(after[1])}, ${params.add(after[2])})`;
    }
    const rows: Row[] = await this.dataSource.query(
      // The page is chosen first, the linked surveys looked up for its cases only.
      `WITH page AS (
         SELECT f.source, f.case_id, f.customer_id, f.channel, f.status, f.agent_id,
                f.customer -> 'segment' AS segment, f.opened_at, f.first_response_at, f.resolved_at,
                to_char(f.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS opened_key,
                f.hold_seconds, f.handle_seconds, f.abandoned, f.escalated, f.reopen_count, f.cost::float8 AS cost,
                f.issue_code, f.category, f.classification_method, f.confidence, f.tone, f.issue_kind,
                ${CASE_MEASURES_SQL}
         FROM insights.case_facts f
         WHERE ${where} ${keyset}
         ORDER BY f.opened_at, f.source, f.case_id
         LIMIT ${params.add(limit + 1)}
       )
       SELECT page.*, s.source AS survey_source, s.response_id, s.responded_at, s.csat, s.nps, s.ces
       FROM page
       LEFT JOIN LATERAL (
         SELECT s.source, s.response_id, s.responded_at, s.csat, s.nps, s.ces
         FROM insights.survey_facts s
         WHERE s.case_id = page.case_id AND s.kind = 'transactional'
         ORDER BY s.responded_at DESC, s.source, s.response_id
         LIMIT 1
       ) s ON true
       ORDER BY page.opened_at, page.source, page.case_id`,
      params.values,
    );
    const page = rows.slice(0, limit);
    const clock = clockOverCases(page, calendar);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toCaseView(row, clock)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([String(last.opened_key), String(last.source), String(last.case_id)])
          : null,
    };
  }

  /** The row export page by page, from `cursor` to the end: a stream never holds more than one page. */
  async *allCases(
    filter: ServiceFilter,
    calendar: BusinessCalendar,
    cursor?: string,
  ): AsyncGenerator<ServiceCaseView[]> {
    let next: string | null | undefined = cursor;
    do {
      const page = await this.casesPage(filter, calendar, MAX_CASES_PAGE, next ?? undefined);
      yield page.items;
      next = page.nextCursor;
    } while (next);
  }

  /** A clock exact from `from` to the last response or resolution of the filter's cases. */
  private async clockFor(filter: ServiceFilter, calendar: BusinessCalendar): Promise<BusinessClock> {
    const params = new SqlParameters();
    const [span]: Array<{ until: Date | null }> = await this.dataSource.query(
      clockSpanSql(filter, params),
      params.values,
    );
    return BusinessClock.over(calendar, filter.from, span?.until ?? filter.from);
  }
}

function clockOverCases(rows: readonly Row[], calendar: BusinessCalendar): BusinessClock {
  const times = rows.flatMap((row) =>
    [row.opened_at, row.first_response_at, row.resolved_at].flatMap((t) =>
      t instanceof Date ? [t.getTime()] : [],
    ),
  );
  if (times.length === 0) return BusinessClock.over(calendar, new Date(0), new Date(0));
  return BusinessClock.over(calendar, new Date(Math.min(...times)), new Date(Math.max(...times)));
}

function toCaseView(row: Row, clock: BusinessClock): ServiceCaseView {
  const opened = row.opened_at as Date;
  const firstResponse = row.first_response_at as Date | null;
  const resolved = row.resolved_at as Date | null;
  const resolutionSeconds = row.resolution_seconds as number | null;
  return {
    source: String(row.source),
    caseId: String(row.case_id),
    customerId: String(row.customer_id),
    channel: String(row.channel),
    status: String(row.status),
    agentId: (row.agent_id as string | null) ?? null,
    segment: (row.segment as Record<string, string> | null) ?? {},
    openedAt: opened.toISOString(),
    firstResponseAt: firstResponse?.toISOString() ?? null,
    resolvedAt: resolved?.toISOString() ?? null,
    metrics: {
      firstResponseSeconds: row.first_response_seconds as number | null,
      firstResponseBusinessSeconds: firstResponse ? toMs(clock.elapsed(opened, firstResponse)) : null,
      resolutionSeconds,
      resolutionBusinessSeconds:
        resolutionSeconds !== null && resolved ? toMs(clock.elapsed(opened, resolved)) : null,
      holdSeconds: row.hold_seconds as number | null,
      handleSeconds: row.handle_seconds as number | null,
      chatDurationSeconds: row.chat_duration_seconds as number | null,
      abandoned: row.abandoned as boolean | null,
      missedChat: row.missed_chat as boolean | null,
      escalated: row.escalated as boolean | null,
      reopenCount: row.reopen_count as number | null,
      cost: row.cost as number | null,
      selfServiceSession: row.self_service_case === true || row.self_service_attempt === true,
      selfServiceAbandoned: row.self_service_session_abandoned as boolean | null,
    },
    classification: {
      issueCode: String(row.issue_code),
      category: String(row.category),
      method: String(row.classification_method),
      confidence: Number(row.confidence),
      tone: (row.tone as string | null) ?? null,
      issueKind: (row.issue_kind as string | null) ?? null,
    },
    survey:
      row.response_id === null || row.response_id === undefined
        ? null
        : {
            source: String(row.survey_source),
            responseId: String(row.response_id),
            respondedAt: (row.responded_at as Date).toISOString(),
            csat: row.csat as number | null,
            nps: row.nps as number | null,
            ces: row.ces as number | null,
          },
  };
}

/** Seconds to the millisecond: the clock adds floats, and a CSV should not say 7199.999999999. */
function toMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function num(value: unknown): number {
  return Number(value ?? 0);
}

function nullable(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toTally(row: Row): ServiceTally {
  return {
    cases: num(row.cases),
    casesByChannel: (row.by_channel as Record<string, number> | null) ?? {},
    casesByIssueCode: (row.by_issue_code as Record<string, number> | null) ?? {},
    assistedCases: num(row.assisted_cases),
    customersWithAssistedCase: num(row.customers_with_assisted_case),
    selfServiceCases: num(row.self_service_cases),
    selfServiceAttemptsBeforeCase: num(row.self_service_attempts),
    selfServiceAbandonKnown: num(row.self_service_abandon_known),
    selfServiceAbandoned: num(row.self_service_abandoned),
    firstResponses: num(row.first_responses),
    firstResponse: {
      median: nullable(row.first_response_median),
      p90: nullable(row.first_response_p90),
      businessMedian: nullable(row.first_response_business_median),
      businessP90: nullable(row.first_response_business_p90),
    },
    resolvedCases: num(row.resolved_cases),
    resolution: {
      median: nullable(row.resolution_median),
      p90: nullable(row.resolution_p90),
      businessMedian: nullable(row.resolution_business_median),
      businessP90: nullable(row.resolution_business_p90),
    },
    holdReported: num(row.hold_reported),
    holdSecondsSum: num(row.hold_seconds_sum),
    medianHoldSeconds: nullable(row.hold_median),
    abandonKnown: num(row.abandon_known),
    abandoned: num(row.abandoned),
    chats: num(row.chats),
    missedKnown: num(row.missed_known),
    missedChats: num(row.missed_chats),
    chatDurations: num(row.chat_durations),
    chatDurationSecondsSum: num(row.chat_duration_sum),
    medianChatDurationSeconds: nullable(row.chat_duration_median),
    escalationKnown: num(row.escalation_known),
    escalated: num(row.escalated),
    reopenKnown: num(row.reopen_known),
    reopenedCases: num(row.reopened_cases),
    reopens: num(row.reopens),
    costReported: num(row.cost_reported),
    totalCost: num(row.total_cost),
  };
}

const EMPTY_FIGURES = serviceFigures(toTally({}));

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceMetricsGrouping } from './service-metrics.query';

export interface ServiceMetricsRow {
  key: string;
  cases: number;
  casesByChannel: Record<string, number>;
  casesByIssueCode: Record<string, number>;
  medianFirstResponseSeconds: number | null;
  medianResolutionSeconds: number | null;
  /** Abandoned ÷ cases whose abandonment is known. */
  abandonRate: number | null;
  meanHoldSeconds: number | null;
  totalCost: number | null;
  costPerCase: number | null;
}

/** Grouping keys are chosen from this list, never interpolated from input. */
const GROUP_KEY: Record<ServiceMetricsGrouping, string> = {
  day: `to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  month: `to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
  channel: 'channel',
  issueCode: 'issue_code',
};

@Injectable()
export class ServiceMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Exact figures (true medians, not medians of medians) computed from the case facts in range. */
  async metrics(from: Date, to: Date, groupBy: ServiceMetricsGrouping): Promise<ServiceMetricsRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH facts AS (
         SELECT ${GROUP_KEY[groupBy]} AS key, * FROM insights.case_facts WHERE opened_at >= $1 AND opened_at < $2
       ),
       totals AS (
         SELECT key,
                count(*)::int AS cases,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at))
                  FILTER (WHERE first_response_at IS NOT NULL) AS median_first_response_seconds,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at))
                  FILTER (WHERE resolved_at IS NOT NULL) AS median_resolution_seconds,
                avg(CASE WHEN abandoned THEN 1.0 ELSE 0.0 END) FILTER (WHERE abandoned IS NOT NULL) AS abandon_rate,
                avg(hold_seconds) AS mean_hold_seconds,
                sum(cost) AS total_cost,
                avg(cost) AS cost_per_case
         FROM facts GROUP BY key
       ),
       by_channel AS (
         SELECT key, jsonb_object_agg(channel, n) AS counts
         FROM (SELECT key, channel, count(*)::int AS n FROM facts GROUP BY key, channel) c GROUP BY key
       ),
       by_issue AS (
         SELECT key, jsonb_object_agg(issue_code, n) AS counts
         FROM (SELECT key, issue_code, count(*)::int AS n FROM facts GROUP BY key, issue_code) i GROUP BY key
       )
       SELECT totals.*, by_channel.counts AS by_channel, by_issue.counts AS by_issue_code
       FROM totals JOIN by_channel USING (key) JOIN by_issue USING (key)
       ORDER BY key`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => ({
      key: String(row.key),
      cases: Number(row.cases),
      casesByChannel: row.by_channel as Record<string, number>,
      casesByIssueCode: row.by_issue_code as Record<string, number>,
      medianFirstResponseSeconds: toNumber(row.median_first_response_seconds),
      medianResolutionSeconds: toNumber(row.median_resolution_seconds),
      abandonRate: toNumber(row.abandon_rate),
      meanHoldSeconds: toNumber(row.mean_hold_seconds),
      totalCost: toNumber(row.total_cost),
      costPerCase: toNumber(row.cost_per_case),
    }));
  }
}

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

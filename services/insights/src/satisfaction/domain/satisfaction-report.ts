import { ReportPeriod } from './report-periods';
import {
  SatisfactionFigures,
  satisfactionFigures,
  SatisfactionTrend,
  satisfactionTrend,
} from './satisfaction-figures';
import { SatisfactionMeasures } from './satisfaction-measures';

/** One period × group of the satisfaction report. */
export interface SatisfactionReportRow extends SatisfactionFigures {
  period: string;
  /** First day of the period inside the range, `YYYY-MM-DD`. */
  periodStart: string;
  /** Day after the last day of the period inside the range (exclusive). */
  periodEnd: string;
  group: string;
  trend: SatisfactionTrend | null;
}

/** Summed measures per group, for the days of one window (`start|end`). */
export type WindowTotals = ReadonlyMap<string, ReadonlyMap<string, SatisfactionMeasures>>;

export function windowId(window: { start: string; end: string }): string {
  return `${window.start}|${window.end}`;
}

/**
 * The report rows: one per period and group that had a response in the period, ordered by period
 * then group, each with its trend against the same group's previous window. Pure.
 */
export function satisfactionReport(
  periods: readonly ReportPeriod[],
  totals: WindowTotals,
): SatisfactionReportRow[] {
  const rows: SatisfactionReportRow[] = [];
  for (const period of periods) {
    const groups = totals.get(windowId(period.window)) ?? new Map<string, SatisfactionMeasures>();
    const previous = totals.get(windowId(period.previous));
    for (const group of [...groups.keys()].sort()) {
      const measures = groups.get(group)!;
      if (measures.responses <= 0) continue; // every response moved away from this group
      rows.push({
        period: period.key,
        periodStart: period.window.start,
        periodEnd: period.window.end,
        group,
        ...satisfactionFigures(measures),
        trend: satisfactionTrend(measures, previous?.get(group) ?? null),
      });
    }
  }
  return rows;
}

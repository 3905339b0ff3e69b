import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DayWindow } from './domain/report-periods';
import { SatisfactionGrouping } from './domain/satisfaction-groupings';
import { SATISFACTION_MEASURES, SatisfactionMeasures } from './domain/satisfaction-measures';
import { WindowTotals, windowId } from './domain/satisfaction-report';
import { measureColumn } from './satisfaction-rollup.repository';

const SUMS = SATISFACTION_MEASURES.map((measure) => `sum(d.${measureColumn(measure)}) AS "${measure}"`).join(
  ',\n         ',
);

/** The read side of the satisfaction rollup. */
@Injectable()
export class SatisfactionMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The measures of each group summed over the days of each window, in one query: an indexed range
   * read of the daily rows per window, never the facts.
   */
  async totals(groupKind: SatisfactionGrouping, windows: readonly DayWindow[]): Promise<WindowTotals> {
    const unique = [...new Map(windows.map((window) => [windowId(window), window])).values()];
    const totals = new Map<string, Map<string, SatisfactionMeasures>>();
    if (unique.length === 0) return totals;
    const rows: Array<Record<string, string | number> & { window_index: string; group_value: string }> =
      await this.dataSource.query(
        `SELECT w.window_index, d.group_value,
         ${SUMS}
         FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS w(start_day, end_day, window_index)
         JOIN insights.satisfaction_daily d
           ON d.group_kind = $1 AND d.day >= w.start_day AND d.day < w.end_day
         GROUP BY w.window_index, d.group_value`,
        [groupKind, unique.map((window) => window.start), unique.map((window) => window.end)],
      );
    for (const row of rows) {
      const id = windowId(unique[Number(row.window_index) - 1]);
      const groups = totals.get(id) ?? new Map<string, SatisfactionMeasures>();
      totals.set(id, groups);
      groups.set(
        row.group_value,
        Object.fromEntries(SATISFACTION_MEASURES.map((m) => [m, Number(row[m])])) as SatisfactionMeasures,
      );
    }
    return totals;
  }
}

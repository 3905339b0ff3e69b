import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DRIVER_COUNTS, DriverCounts, DriverSlice, zeroCounts } from '../drivers/domain/driver-rollup';
import { ThemeCounts } from '../drivers/domain/satisfaction-drivers';
import { DayWindow } from './domain/report-periods';
import { SatisfactionGrouping } from './domain/satisfaction-groupings';
import { SATISFACTION_MEASURES, SatisfactionMeasures } from './domain/satisfaction-measures';
import { WindowTotals, windowId } from './domain/satisfaction-report';
import { measureColumn } from './satisfaction-rollup.repository';

const SUMS = SATISFACTION_MEASURES.map((measure) => `sum(d.${measureColumn(measure)}) AS "${measure}"`).join(
  ',\n         ',
);

const DRIVER_SUMS = DRIVER_COUNTS.map((count) => `sum(d.${measureColumn(count)}) AS "${count}"`).join(', ');

/** The read side of the satisfaction rollups. */
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

  /**
   * A slice's driver counts summed over `[start, end)`: its total (theme `none`) and each theme of the
   * given kinds (`issueCode`, `rating.<topic>`…). One indexed range read of the slice's daily rows.
   */
  async driverCounts(
    slice: { kind: DriverSlice; value: string },
    window: DayWindow,
    themeKinds: readonly string[],
  ): Promise<{ base: DriverCounts; themes: ThemeCounts[] }> {
    const rows: Array<Record<string, number> & { theme_kind: string; theme_value: string }> =
      await this.dataSource.query(
        `SELECT d.theme_kind, d.theme_value, ${DRIVER_SUMS}
         FROM insights.satisfaction_driver_daily d
         WHERE d.slice_kind = $1 AND d.slice_value = $2 AND d.day >= $3 AND d.day < $4
           AND (d.theme_kind = 'none' OR d.theme_kind = ANY($5::text[]))
         GROUP BY d.theme_kind, d.theme_value`,
        [slice.kind, slice.value, window.start, window.end, [...themeKinds]],
      );
    const countsOf = (row: Record<string, number>) =>
      Object.fromEntries(DRIVER_COUNTS.map((count) => [count, Number(row[count])])) as DriverCounts;
    const base = rows.find((row) => row.theme_kind === 'none');
    return {
      base: base ? countsOf(base) : zeroCounts(),
      themes: rows
        .filter((row) => row.theme_kind !== 'none')
        .map((row) => ({ themeKind: row.theme_kind, themeValue: row.theme_value, counts: countsOf(row) })),
    };
  }
}

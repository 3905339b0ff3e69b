export const SATISFACTION_PERIODS = ['day', 'week', 'month'] as const;
export type SatisfactionPeriod = (typeof SATISFACTION_PERIODS)[number];

/** A run of whole UTC days, `[start, end)`, as `YYYY-MM-DD`. */
export interface DayWindow {
  start: string;
  end: string;
}

/** One period of a report: its label, the days of it inside the range, and the window it is compared with. */
export interface ReportPeriod {
  /** `2026-11-02` (day), `2026-W45` (ISO week, Monday first), `2026-11` (month). */
  key: string;
  window: DayWindow;
  /** The same number of days immediately before `window`. */
  previous: DayWindow;
}

const DAY_MS = 86_400_000;

/**
 * Splits `[from, to)` into the report's periods. The rollup is by UTC day, so the range is widened
 * to whole UTC days (from rounded down, to rounded up). A period (UTC day, ISO week starting Monday,
 * calendar month) only partly inside the range is cut at the range's edge: it covers the days asked
 * for, no more. Each period is compared with the period of the same length right before it — for a
 * day or a whole week that is the previous day or week. Pure.
 */
export function reportPeriods(from: Date, to: Date, period: SatisfactionPeriod): ReportPeriod[] {
  const first = Math.floor(from.getTime() / DAY_MS);
  const end = Math.ceil(to.getTime() / DAY_MS);
  const periods: ReportPeriod[] = [];
  for (let start = first; start < end;) {
    const next = Math.min(nextPeriodStart(start, period), end);
    const length = next - start;
    periods.push({
      key: periodKey(start, period),
      window: { start: dayString(start), end: dayString(next) },
      previous: { start: dayString(start - length), end: dayString(start) },
    });
    start = next;
  }
  return periods;
}

/** How many UTC days `reportPeriods` covers for `[from, to)`. */
export function reportDays(from: Date, to: Date): number {
  return Math.ceil(to.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS);
}

/** The first day of the period after the one `day` (days since 1970-01-01) falls in. */
function nextPeriodStart(day: number, period: SatisfactionPeriod): number {
  if (period === 'day') return day + 1;
  if (period === 'week') return day - isoWeekdayIndex(day) + 7;
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

function periodKey(day: number, period: SatisfactionPeriod): string {
  const date = dayString(day);
  if (period === 'day') return date;
  if (period === 'month') return date.slice(0, 7);
  // ISO 8601: the week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
  const thursday = day - isoWeekdayIndex(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday 0 … Sunday 6. 1970-01-01 was a Thursday (3). */
function isoWeekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

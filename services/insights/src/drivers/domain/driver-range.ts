import { DayWindow, reportPeriods } from '../../satisfaction/domain/report-periods';

const DAY_MS = 86_400_000;

/** The labels `period` accepts: a UTC day, an ISO week (Monday first) or a calendar month. */
export const PERIOD_LABEL = /^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2})$/;

/**
 * The days of a period label: `2031-03-04` (that UTC day), `2031-W10` (that ISO week, Monday to
 * Sunday), `2031-03` (that month) — the labels the satisfaction report gives its periods. Null when
 * the label names no such period (`2031-02-30`, `2031-13`, `2030-W53`). Pure.
 */
export function periodWindow(label: string): DayWindow | null {
  if (!PERIOD_LABEL.test(label)) return null;
  let start: number;
  let kind: 'day' | 'week' | 'month';
  if (label.includes('W')) {
    const [year, week] = [Number(label.slice(0, 4)), Number(label.slice(6))];
    // Week 1 holds 4 January; weeks start on Monday.
    const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
    start = jan4 - ((((jan4 + 3) % 7) + 7) % 7) + 7 * (week - 1);
    kind = 'week';
  } else if (label.length === 7) {
    start = Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, 1) / DAY_MS;
    kind = 'month';
  } else {
    start =
      Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10))) / DAY_MS;
    kind = 'day';
  }
  // Date.UTC rolls over (month 13, day 30 of February, week 60): the label must name the period it lands in.
  const [period] = reportPeriods(new Date(start * DAY_MS), new Date((start + 1) * DAY_MS), kind);
  if (period.key !== label) return null;
  return { start: period.window.start, end: endOf(start, kind) };
}

function endOf(start: number, kind: 'day' | 'week' | 'month'): string {
  if (kind === 'day') return dayString(start + 1);
  if (kind === 'week') return dayString(start + 7);
  const date = new Date(start * DAY_MS);
  return dayString(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS);
}

/** The request's range: a `period` label, or `[from, to)` widened to whole UTC days. */
export interface RangeRequest {
  period?: string;
  from?: string;
  to?: string;
}

export type RangeResult = { window: DayWindow } | { field: 'period' | 'from' | 'to'; message: string };

/**
 * The days a drivers report covers. `period` names them, or `from`/`to` (from rounded down to its UTC
 * day, to up to the next midnight; `to` defaults to `now`, `from` to `defaultDays` before `to`). Both
 * at once, an unknown period, an empty range or one longer than `maxDays` is an error naming the
 * field. Pure.
 */
export function driverRange(
  request: RangeRequest,
  now: Date,
  defaultDays: number,
  maxDays: number,
): RangeResult {
  if (request.period !== undefined) {
    if (request.from !== undefined || request.to !== undefined) {
      return { field: 'period', message: 'period cannot be combined with from or to' };
    }
    const window = periodWindow(request.period);
    return window
      ? { window }
      : {
          field: 'period',
          message: 'period must name a day (2031-03-04), an ISO week (2031-W10) or a month',
        };
  }
  const to = request.to ? new Date(request.to) : now;
  const from = request.from ? new Date(request.from) : new Date(to.getTime() - defaultDays * DAY_MS);
  if (from >= to) return { field: 'from', message: 'from must be earlier than to' };
  const first = Math.floor(from.getTime() / DAY_MS);
  const end = Math.ceil(to.getTime() / DAY_MS);
  if (end - first > maxDays) {
    return { field: 'from', message: `the range is longer than ${maxDays} days: narrow it` };
  }
  return { window: { start: dayString(first), end: dayString(end) } };
}

function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

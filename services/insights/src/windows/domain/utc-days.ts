/** Whole UTC days as `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01). Pure. */

const DAY_MS = 86_400_000;

/** An inclusive run of UTC days: `first` through `last`, both `YYYY-MM-DD`. */
export interface DayRange {
  first: string;
  last: string;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: Date | string): string {
  return dayString(dayNumber(at));
}

/** Days since 1970-01-01 of the UTC day the instant falls in. */
export function dayNumber(at: Date | string): number {
  const time = (at instanceof Date ? at : new Date(at)).getTime();
  if (!Number.isFinite(time)) throw new Error(`not an instant: ${String(at)}`);
  return Math.floor(time / DAY_MS);
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a `YYYY-MM-DD` string. */
export function parseDay(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
}

/** How many days a range covers. */
export function rangeDays(range: DayRange): number {
  return parseDay(range.last) - parseDay(range.first) + 1;
}

/** A window of `days` days ending with the day `last` (a day number), and the window as long right before it. */
export interface WindowPair {
  current: DayRange;
  previous: DayRange;
}

export function windowPairEndingOn(last: number, days: number): WindowPair {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`a window is a whole number of days ≥ 1, not ${days}`);
  return {
    current: { first: dayString(last - days + 1), last: dayString(last) },
    previous: { first: dayString(last - 2 * days + 1), last: dayString(last - days) },
  };
}

/**
 * The `days` whole UTC days ending with the day of `asOf` (the day of the evaluation included), and
 * the window as long right before them. An evaluation at 2026-11-10T15:00Z over 7 days covers
 * 2026-11-04 … 2026-11-10; the previous window 2026-10-28 … 2026-11-03.
 */
export function windowsEndingAt(asOf: Date | string, days: number): WindowPair {
  return windowPairEndingOn(dayNumber(asOf), days);
}

/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl` (no time-zone library). Days are
 * counted as whole days since 1970-01-01 of the *local* calendar, so stepping from one local day to
 * the next never depends on the zone's offsets. Pure (the formatters are a cache).
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `Intl` knows the zone (`Europe/Berlin`, `UTC`…). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading at `instant` in the zone, as if it were UTC (ms; seconds kept, ms dropped). */
function wallClock(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** The zone's offset from UTC at `instant`, in ms (Berlin in summer: +7,200,000). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wallClock(whole, timeZone) - whole;
}

/** The local day (days since 1970-01-01 in the zone's calendar) that `instant` falls on. */
export function localDay(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetAt(instant, timeZone)) / DAY_MS);
}

/**
 * The instant at which the zone's clocks show `minute` (0–1440; 1440 is the next midnight) of local
 * `day`. Across a change of offset it resolves like RFC 5545 and Temporal's `compatible`: a wall time
 * that happens twice (clocks going back) is the earlier instant; one that never happens (clocks going
 * forward) is moved forward by the gap (02:30 on a spring-forward night in Berlin is 03:30 CEST).
 */
export function zonedInstant(day: number, minute: number, timeZone: string): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  // The true instant is within ±14 h of `wall`: the offsets a day either side bracket it (zones
  // change offset at most once in two days).
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

/** `YYYY-MM-DD` of a local day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of `YYYY-MM-DD`, or null when it is not a real date. */
export function parseDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || dayString(ms / DAY_MS) !== text) return null;
  return ms / DAY_MS;
}

/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

import { BusinessCalendar, stretchMinutes, WEEKDAYS } from './business-calendar';
import { localDay, parseDay, weekdayIndex, zonedInstant } from './zoned-time';

/** An open stretch as UTC instants in ms, `[start, end)`. */
export interface OpenInterval {
  start: number;
  end: number;
}

/**
 * Longest span a clock is built for. Spans come from case timestamps: a record resolved centuries
 * after it opened would otherwise make a query build millions of intervals. Instants past the cap
 * read as the cap.
 */
export const MAX_CLOCK_SPAN_MS = 20 * 366 * 86_400_000;

/**
 * The calendar's opening hours between two instants, cut at them, sorted, and with touching or
 * overlapping stretches merged (so a desk open 00:00–24:00 every day is one interval). Pure.
 */
export function openIntervals(from: Date, to: Date, calendar: BusinessCalendar): OpenInterval[] {
  const [start, end] = [from.getTime(), Math.min(to.getTime(), from.getTime() + MAX_CLOCK_SPAN_MS)];
  if (!(end > start)) return [];
  const zone = calendar.timeZone;
  const holidays = new Set(calendar.holidays.map(parseDay));
  const intervals: OpenInterval[] = [];
  // From the day before: an overnight stretch of that day may still be open at `from`.
  for (let day = localDay(start, zone) - 1; day <= localDay(end, zone); day++) {
    if (holidays.has(day)) continue;
    for (const hours of calendar.weeklyHours[WEEKDAYS[weekdayIndex(day)]]) {
      const minutes = stretchMinutes(hours);
      const open = Math.max(start, zonedInstant(day, minutes.start, zone));
      const close = Math.min(end, zonedInstant(day, minutes.end, zone));
      if (close > open) intervals.push({ start: open, end: close });
    }
  }
  intervals.sort((a, b) => a.start - b.start);
  const merged: OpenInterval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * Business time as a clock that only runs while the desk is open: `reading(t)` is the open seconds
 * from the start of the span to `t`, so the business seconds between two instants are the difference
 * of their readings. Exact for instants inside the span it was built for. The same intervals go to
 * SQL (`sqlArrays`), so the database and this code measure with one clock.
 */
export class BusinessClock {
  private readonly starts: number[];
  private readonly seconds: number[];
  /** Open seconds before each interval. */
  private readonly before: number[];

  private constructor(intervals: readonly OpenInterval[]) {
    this.starts = intervals.map((interval) => interval.start);
    this.seconds = intervals.map((interval) => (interval.end - interval.start) / 1000);
    this.before = [];
    let total = 0;
    for (const seconds of this.seconds) {
      this.before.push(total);
      total += seconds;
    }
  }

  /** A clock exact for every instant in `[from, to]`. */
  static over(calendar: BusinessCalendar, from: Date, to: Date): BusinessClock {
    return new BusinessClock(openIntervals(from, to, calendar));
  }

  /** Open seconds from the start of the span to `instant`; 0 before the first opening. */
  reading(instant: Date): number {
    const t = instant.getTime();
    // The last interval that starts at or before t (binary search; what SQL's width_bucket does).
    let [low, high] = [0, this.starts.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] <= t) low = mid + 1;
      else high = mid;
    }
    const i = low - 1;
    if (i < 0) return 0;
    return this.before[i] + Math.min((t - this.starts[i]) / 1000, this.seconds[i]);
  }

  /** Business seconds from `from` to `to`: negative when `to` is before `from`, as calendar time is. */
  elapsed(from: Date, to: Date): number {
    return this.reading(to) - this.reading(from);
  }

  /** The clock as three parallel arrays for SQL: interval starts, their lengths, the open seconds before each. */
  sqlArrays(): { starts: string[]; seconds: number[]; before: number[] } {
    return {
      starts: this.starts.map((start) => new Date(start).toISOString()),
      seconds: [...this.seconds],
      before: [...this.before],
    };
  }

  get intervalCount(): number {
    return this.starts.length;
  }
}

/**
 * Seconds of opening hours between two instants in the calendar (holidays and closed days count
 * nothing; a wall-clock hour lost or gained to a change of offset is not counted twice or missed).
 * `to` before `from` gives the negative of the other way round; `from == to` gives 0. Pure.
 */
export function businessSeconds(from: Date, to: Date, calendar: BusinessCalendar): number {
  if (to.getTime() < from.getTime()) return -businessSeconds(to, from, calendar);
  return BusinessClock.over(calendar, from, to).elapsed(from, to);
}

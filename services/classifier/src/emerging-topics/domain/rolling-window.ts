const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** `7d`, `14d`, `24h`: a number of days or hours. */
export const WINDOW_PATTERN = /^([1-9]\d{0,3})([dh])$/;
export const MAX_WINDOW_MS = 90 * DAY_MS;

/** The length of a window such as `7d` or `48h` in milliseconds, or undefined when it is not one. */
export function parseWindow(spec: string): number | undefined {
  const match = WINDOW_PATTERN.exec(spec);
  if (!match) return undefined;
  const length = Number(match[1]) * (match[2] === 'd' ? DAY_MS : HOUR_MS);
  return length <= MAX_WINDOW_MS ? length : undefined;
}

export interface RollingWindows {
  /** The window reported: [from, to). */
  from: Date;
  to: Date;
  /** The window of the same length just before it: [previousFrom, from). */
  previousFrom: Date;
  /**
   * The baseline, in whole UTC days: [baselineFromDay, baselineToDay), the `baselineDays` days
   * before the day the window starts. It never overlaps the window, so a problem that is new in
   * the window is absent from it.
   */
  baselineFromDay: string;
  baselineToDay: string;
}

export function rollingWindows(to: Date, windowMs: number, baselineDays: number): RollingWindows {
  const from = new Date(to.getTime() - windowMs);
  const baselineTo = startOfUtcDay(from);
  return {
    from,
    to,
    previousFrom: new Date(from.getTime() - windowMs),
    baselineFromDay: utcDay(new Date(baselineTo.getTime() - baselineDays * DAY_MS)),
    baselineToDay: utcDay(baselineTo),
  };
}

/** `2026-03-04` for any instant of that UTC day. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function startOfUtcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

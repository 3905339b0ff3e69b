const DAY_MS = 86_400_000;

/** A run of whole UTC days, `[start, end)`, as `YYYY-MM-DD`. */
export interface DayWindow {
  start: string;
  end: string;
}

export interface EvaluationWindows {
  /** `windowDays` whole UTC days ending with the day of the evaluation (that day included). */
  current: DayWindow;
  /** As many days right before it. */
  previous: DayWindow;
}

/**
 * The windows of an evaluation at event time `at`. Whole days, because the rollups are per UTC day:
 * an evaluation on 2051-06-30 at any hour with 30 days compares 2051-06-01…06-30 with 05-02…05-31.
 * Pure.
 */
export function evaluationWindows(at: Date, windowDays: number): EvaluationWindows {
  const end = Math.floor(at.getTime() / DAY_MS) + 1;
  const start = end - windowDays;
  return {
    current: { start: dayString(start), end: dayString(end) },
    previous: { start: dayString(start - windowDays), end: dayString(start) },
  };
}

function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

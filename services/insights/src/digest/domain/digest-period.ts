export const DIGEST_PERIODS = ['week', 'month'] as const;
export type DigestPeriodKind = (typeof DIGEST_PERIODS)[number];

/** The period a digest covers and the one it is compared with: whole UTC days, `[from, to)`. */
export interface DigestPeriod {
  kind: DigestPeriodKind;
  /** `2026-W47` (ISO week, Monday first) or `2026-11`. */
  label: string;
  from: Date;
  to: Date;
  /** The period right before, of the same kind (the previous ISO week or calendar month). */
  previousFrom: Date;
  previousTo: Date;
}

const DAY_MS = 86_400_000;

/** The week or month that contains `day` (any instant in it), and the one before. Pure. */
export function digestPeriod(kind: DigestPeriodKind, day: Date): DigestPeriod {
  const dayNumber = Math.floor(day.getTime() / DAY_MS);
  if (kind === 'week') {
    // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
    const monday = dayNumber - ((((dayNumber + 3) % 7) + 7) % 7);
    return {
      kind,
      label: isoWeekLabel(monday),
      from: new Date(monday * DAY_MS),
      to: new Date((monday + 7) * DAY_MS),
      previousFrom: new Date((monday - 7) * DAY_MS),
      previousTo: new Date(monday * DAY_MS),
    };
  }
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  return {
    kind,
    label: `${year}-${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1)),
    to: new Date(Date.UTC(year, month + 1, 1)),
    previousFrom: new Date(Date.UTC(year, month - 1, 1)),
    previousTo: new Date(Date.UTC(year, month, 1)),
  };
}

/** ISO 8601 week label of the week starting on Monday `monday` (a UTC day number). */
function isoWeekLabel(monday: number): string {
  // The ISO year is the year of the week's Thursday; week 1 holds the year's first Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstThursdayOfYear = Math.floor(Date.UTC(isoYear, 0, 1) / DAY_MS);
  const dayOfYear = monday + 3 - firstThursdayOfYear;
  return `${isoYear}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

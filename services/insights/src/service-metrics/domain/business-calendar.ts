import { isTimeZone, parseDay } from './zoned-time';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One stretch of opening hours, in the calendar's local time, `HH:MM`. `to` may be `24:00`
 * (midnight at the end of the day); a `to` not after `from` runs overnight into the next day
 * (`22:00`–`06:00`). A stretch belongs to the day it starts on.
 */
export interface OpeningHours {
  from: string;
  to: string;
}

/**
 * When the support desk is open, for the business-hours variants of the service metrics. Section
 * `businessCalendar` of the insight settings; plain JSON.
 */
export interface BusinessCalendar {
  /** IANA time zone the opening hours and holidays are read in (`Europe/Berlin`, `UTC`). */
  timeZone: string;
  /** Opening hours per weekday; an empty list is a closed day. */
  weeklyHours: Record<Weekday, OpeningHours[]>;
  /**
   * Local dates (`YYYY-MM-DD`) the desk is closed: no stretch that starts on them opens (an overnight
   * stretch that started the evening before still runs to its end).
   */
  holidays: string[];
}

const NINE_TO_FIVE: OpeningHours[] = [{ from: '09:00', to: '17:00' }];

/** Monday to Friday, 09:00–17:00 UTC, no holidays. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: {
    monday: NINE_TO_FIVE,
    tuesday: NINE_TO_FIVE,
    wednesday: NINE_TO_FIVE,
    thursday: NINE_TO_FIVE,
    friday: NINE_TO_FIVE,
    saturday: [],
    sunday: [],
  },
  holidays: [],
};

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Minutes after local midnight of `HH:MM` (00:00–24:00), or null when it is not one. */
export function minuteOfDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minute <= MINUTES_PER_DAY ? minute : null;
}

/** A stretch as minutes from its day's midnight: `[start, end)`, end past 1440 when it runs overnight. */
export function stretchMinutes(hours: OpeningHours): { start: number; end: number } {
  const start = minuteOfDay(hours.from)!;
  const to = minuteOfDay(hours.to)!;
  return { start, end: to > start ? to : to + MINUTES_PER_DAY };
}

/**
 * What is wrong with a calendar: an unknown time zone, a weekday missing, a time that is not
 * `HH:MM`, an empty stretch, stretches that overlap (within a day, or an overnight one with the next
 * day's), a calendar that is never open, a holiday that is not a date. Empty when it is sound.
 */
export function businessCalendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (typeof calendar?.timeZone !== 'string' || !isTimeZone(calendar.timeZone)) {
    problems.push(`timeZone ${JSON.stringify(calendar?.timeZone)} is not an IANA time zone`);
  }
  const weekly: Array<{ label: string; start: number; end: number }> = [];
  WEEKDAYS.forEach((weekday, index) => {
    const list = calendar?.weeklyHours?.[weekday];
    if (!Array.isArray(list)) {
      problems.push(`weeklyHours.${weekday} must be a list of opening hours (empty when closed)`);
      return;
    }
    list.forEach((hours, i) => {
      const label = `weeklyHours.${weekday}[${i}]`;
      const from = minuteOfDay(hours?.from);
      const to = minuteOfDay(hours?.to);
      if (from === null || from === MINUTES_PER_DAY)
        problems.push(`${label}.from must be HH:MM, 00:00–23:59`);
      if (to === null) problems.push(`${label}.to must be HH:MM, 00:00–24:00`);
      if (from === null || from === MINUTES_PER_DAY || to === null) return;
      if (to === from) {
        problems.push(`${label} opens and closes at ${hours.from}: use 00:00–24:00 for a whole day`);
        return;
      }
      const { start, end } = stretchMinutes(hours);
      weekly.push({ label, start: index * MINUTES_PER_DAY + start, end: index * MINUTES_PER_DAY + end });
    });
  });
  // Sunday's overnight stretch runs into Monday: compare each stretch with the others shifted a week.
  for (let i = 0; i < weekly.length; i++) {
    for (let j = i + 1; j < weekly.length; j++) {
      const [a, b] = [weekly[i], weekly[j]];
      const overlaps = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some(
        (shift) => a.start < b.end + shift && b.start + shift < a.end,
      );
      if (overlaps) problems.push(`${a.label} and ${b.label} overlap`);
    }
  }
  if (problems.length === 0 && weekly.length === 0) {
    problems.push('the calendar is never open: give at least one weekday opening hours');
  }
  if (!Array.isArray(calendar?.holidays)) {
    problems.push('holidays must be a list of YYYY-MM-DD dates');
  } else {
    const seen = new Set<string>();
    calendar.holidays.forEach((holiday, i) => {
      if (typeof holiday !== 'string' || parseDay(holiday) === null) {
        problems.push(`holidays[${i}] ${JSON.stringify(holiday)} is not a YYYY-MM-DD date`);
      } else if (seen.has(holiday)) {
        problems.push(`holidays[${i}] ${holiday} is listed twice`);
      }
      if (typeof holiday === 'string') seen.add(holiday);
    });
  }
  return problems;
}

// SKELETON: the owner fills in the settings (thresholds, windows, weights) with their defaults.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BusinessCalendar {}

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function businessCalendarProblems(_settings: BusinessCalendar): string[] {
  return [];
}

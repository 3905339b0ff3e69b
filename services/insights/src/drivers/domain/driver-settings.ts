import { P_VALUE_CORRECTIONS, PValueCorrection } from './statistics';

/** How satisfaction drivers are tested and reported (see services/insights/docs/satisfaction-drivers.md). */
export interface DriverSettings {
  /**
   * A test is run only when each side (with the theme, without it) has at least this many answers of
   * its metric (CSAT or NPS), and a theme with fewer responses than this is not listed: below that the
   * normal approximation behind the z-tests is not to be trusted. The default of the API's
   * `minResponses`.
   */
  minResponsesPerSide: number;
  /** Significance level: a driver is significant when its adjusted p-value is below it. */
  alpha: number;
  /** The multiple-comparison correction across the themes of one report, per metric. */
  correction: PValueCorrection;
  /** The range reported when the request gives neither `period` nor `from`: this many days up to `to`. */
  defaultRangeDays: number;
}

export const DEFAULT_DRIVER_SETTINGS: DriverSettings = {
  minResponsesPerSide: 30,
  alpha: 0.05,
  correction: 'benjamini-hochberg',
  defaultRangeDays: 90,
};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function driverSettingsProblems(settings: DriverSettings): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(settings.minResponsesPerSide) && settings.minResponsesPerSide >= 1)) {
    problems.push('minResponsesPerSide must be an integer ≥ 1');
  }
  if (!(settings.alpha > 0 && settings.alpha < 1)) problems.push('alpha must be in (0, 1)');
  if (!(P_VALUE_CORRECTIONS as readonly string[]).includes(settings.correction)) {
    problems.push(`correction must be one of ${P_VALUE_CORRECTIONS.join(', ')}`);
  }
  if (!(Number.isInteger(settings.defaultRangeDays) && settings.defaultRangeDays >= 1)) {
    problems.push('defaultRangeDays must be an integer ≥ 1');
  }
  return problems;
}

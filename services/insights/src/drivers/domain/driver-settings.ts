// SKELETON: the owner fills in the settings (thresholds, windows, weights) with their defaults.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DriverSettings {}

export const DEFAULT_DRIVER_SETTINGS: DriverSettings = {};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function driverSettingsProblems(_settings: DriverSettings): string[] {
  return [];
}

// SKELETON: the owner fills in the settings (thresholds, windows, weights) with their defaults.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PersonaSignalSettings {}

export const DEFAULT_PERSONA_SIGNAL_SETTINGS: PersonaSignalSettings = {};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function personaSignalSettingsProblems(_settings: PersonaSignalSettings): string[] {
  return [];
}

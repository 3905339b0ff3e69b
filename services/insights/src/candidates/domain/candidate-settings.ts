// SKELETON: the owner fills in the settings (thresholds, windows, weights) with their defaults.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CandidateSettings {}

export const DEFAULT_CANDIDATE_SETTINGS: CandidateSettings = {};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function candidateSettingsProblems(_settings: CandidateSettings): string[] {
  return [];
}

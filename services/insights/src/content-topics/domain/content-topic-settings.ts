// SKELETON: the owner fills in the settings (thresholds, windows, weights) with their defaults.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContentTopicSettings {}

export const DEFAULT_CONTENT_TOPIC_SETTINGS: ContentTopicSettings = {};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function contentTopicSettingsProblems(_settings: ContentTopicSettings): string[] {
  return [];
}

import { DetectionSettings } from './domain/detect-emerging-topics';

export const EMERGING_TOPICS_SETTINGS = Symbol('EMERGING_TOPICS_SETTINGS');

export interface EmergingTopicsSettings {
  /** Rules/model confidence below which a classified case joins the pool (unclassified always does). */
  lowConfidenceBelow: number;
  /** Whole UTC days before the window whose cases make the baseline term frequencies. */
  baselineDays: number;
  /**
   * Days of history kept (cases' terms, the per-day counts, low-confidence cases); older rows are
   * deleted daily. Must cover the longest window twice (previous window) plus the baseline: 90 + 90 + 28.
   */
  retentionDays: number;
  /** At most this many low-confidence cases (the most recent) are read per window and request. */
  maxWindowCases: number;
  /** Overrides of the detector's defaults (minCases comes from the request). */
  detection: Partial<Omit<DetectionSettings, 'minCases'>>;
}

export const DEFAULT_EMERGING_TOPICS_SETTINGS: EmergingTopicsSettings = {
  lowConfidenceBelow: 0.6,
  baselineDays: 28,
  retentionDays: 220,
  maxWindowCases: 5_000,
  detection: {},
};

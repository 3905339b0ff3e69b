import { Correction, CORRECTIONS } from './multiple-comparisons';

/** How big a departure must be: a share ratio for issue codes and channels, points for satisfaction. */
export interface EffectMinimum {
  /** Segment share ÷ rest-of-base share (or its inverse, for "less"): 1.5 = "1.5× more". */
  lift: number;
  /** Month on month: |current ÷ previous share − 1| in the direction of the change, 0.5 = "up 50%". */
  relativeChange: number;
  /** CSAT: difference of the satisfied shares, in percentage points. */
  csatPoints: number;
  /** NPS: difference in NPS points (−100…100 scale). */
  npsPoints: number;
}

/**
 * The `personaSignals` section of the insight settings. A signal is raised when a comparison's
 * adjusted p-value is below `alpha` and its effect reaches `raise`; it stays open while some
 * comparison keeps an adjusted p-value below `keepAlpha` and an effect of at least `keep` (in the
 * same direction), and is cleared otherwise: the hysteresis that keeps a borderline segment from
 * flapping.
 */
export interface PersonaSignalSettings {
  /** The current window, in whole UTC days ending with the day of the evaluation; the previous window is as long. */
  windowDays: number;
  /** Significance level a comparison's adjusted p-value must be below to raise a signal. */
  alpha: number;
  /** An open signal stays open while a comparison's adjusted p-value is below this (≥ alpha). */
  keepAlpha: number;
  /** The multiple-comparison correction over one segment's comparisons in one evaluation. */
  correction: Correction;
  /** Confidence level of the intervals of the differences. */
  confidenceLevel: number;
  /** Fisher's exact test replaces the z-test when an expected cell of the 2×2 table is below this. */
  minExpectedCell: number;
  /** Least cases of the segment, and of the rest of the base, in a window for its issue and channel mix to be tested. */
  minCases: number;
  /** Least cases of an item (observed, or expected from the reference share) for it to be tested. */
  minItemCases: number;
  /** Least CSAT answers (and NPS answers) on each side for satisfaction to be tested. */
  minResponses: number;
  /** The effect needed to raise a signal. */
  raise: EffectMinimum;
  /** The effect an open signal must keep (each ≤ the raise minimum). */
  keep: EffectMinimum;
  /** An open signal is updated when its headline ratio moves by this fraction (0.2: from 3.0× to 2.4× or 3.6×)… */
  updateRatioChange: number;
  /** …or its headline difference by this many points (CSAT, NPS), or the comparisons that carry it change. */
  updatePoints: number;
  /**
   * A segment is evaluated at most once per this many seconds of event time (0: at every batch that
   * touches it). Its windows are whole days, so an hour adds little; a batch inside the interval
   * still counts at the segment's next evaluation.
   */
  evaluationIntervalSeconds: number;
  /**
   * At most this many segments are evaluated per batch, those waiting longest first; the others wait
   * for a later batch that touches them. Bounds a batch's cost when it touches every segment (a
   * replay, where event time runs hours ahead per second).
   */
  maxSegmentsPerBatch: number;
}

export const DEFAULT_PERSONA_SIGNAL_SETTINGS: PersonaSignalSettings = {
  windowDays: 30,
  alpha: 0.01,
  keepAlpha: 0.05,
  correction: 'benjamini-hochberg',
  confidenceLevel: 0.95,
  minExpectedCell: 5,
  minCases: 30,
  minItemCases: 5,
  minResponses: 30,
  raise: { lift: 1.5, relativeChange: 0.5, csatPoints: 10, npsPoints: 20 },
  keep: { lift: 1.25, relativeChange: 0.25, csatPoints: 5, npsPoints: 10 },
  updateRatioChange: 0.2,
  updatePoints: 5,
  evaluationIntervalSeconds: 3600,
  maxSegmentsPerBatch: 8,
};

/** The longest window: two of them are read back from the evaluation day. */
export const MAX_PERSONA_WINDOW_DAYS = 366;

/**
 * The values that would make the detector meaningless, flap or fail; empty when the settings are
 * usable. Each problem starts with the path of the field it is about.
 */
export function personaSignalSettingsProblems(settings: PersonaSignalSettings): string[] {
  const problems: string[] = [];
  const require = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const wholeFrom = (value: number, min: number, max: number): boolean =>
    Number.isInteger(value) && value >= min && value <= max;
  require(wholeFrom(
    settings.windowDays,
    1,
    MAX_PERSONA_WINDOW_DAYS,
  ), `windowDays must be a whole number of days from 1 to ${MAX_PERSONA_WINDOW_DAYS}`);
  require(settings.alpha > 0 && settings.alpha < 0.5, 'alpha must be in (0, 0.5)');
  require(settings.keepAlpha >= settings.alpha &&
    settings.keepAlpha < 1, 'keepAlpha must be ≥ alpha and < 1');
  require((CORRECTIONS as readonly string[]).includes(
    settings.correction,
  ), `correction must be one of ${CORRECTIONS.join(', ')}`);
  require(settings.confidenceLevel >= 0.5 &&
    settings.confidenceLevel < 1, 'confidenceLevel must be in [0.5, 1)');
  require(settings.minExpectedCell >= 0, 'minExpectedCell must be ≥ 0');
  require(wholeFrom(settings.minCases, 1, 1_000_000), 'minCases must be a whole number ≥ 1');
  require(wholeFrom(settings.minItemCases, 1, 1_000_000), 'minItemCases must be a whole number ≥ 1');
  require(wholeFrom(settings.minResponses, 2, 1_000_000), 'minResponses must be a whole number ≥ 2');
  for (const level of ['raise', 'keep'] as const) {
    const effect = settings[level];
    require(effect.lift > 1, `${level}.lift must be > 1`);
    require(effect.relativeChange > 0, `${level}.relativeChange must be > 0`);
    require(effect.csatPoints > 0 && effect.csatPoints <= 100, `${level}.csatPoints must be in (0, 100]`);
    require(effect.npsPoints > 0 && effect.npsPoints <= 200, `${level}.npsPoints must be in (0, 200]`);
  }
  for (const name of ['lift', 'relativeChange', 'csatPoints', 'npsPoints'] as const) {
    require(settings.keep[name] <=
      settings.raise[name], `keep.${name} must be ≤ raise.${name} (an open signal would clear at once)`);
  }
  require(settings.updateRatioChange > 0, 'updateRatioChange must be > 0');
  require(settings.updatePoints > 0, 'updatePoints must be > 0');
  require(wholeFrom(
    settings.evaluationIntervalSeconds,
    0,
    31 * 86_400,
  ), 'evaluationIntervalSeconds must be a whole number from 0 to 2678400 (31 days)');
  return problems;
}

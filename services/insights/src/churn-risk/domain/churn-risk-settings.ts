/**
 * Thresholds, windows, weights and norms of the churn-risk detector. Every weight is in score points
 * (0–100 scale) before value weighting; every signal's points are capped so no single signal can
 * carry a customer over the raise threshold on its own except the strongest ones (a detractor with a
 * very low NPS). See `score-churn-risk.ts` for how each one is used.
 *
 * The `churnRisk` section of the versioned insight settings: changed at runtime through
 * `POST /v1/settings/versions`, read by the detector at each batch.
 */
export interface ChurnRiskSettings {
  /** An insight is raised at a score ≥ this… */
  raiseThreshold: number;
  /** …and cleared when the score falls below this (hysteresis: must be < raiseThreshold). */
  clearThreshold: number;
  /** An open insight is updated when its score moves by at least this many points. */
  minChange: number;
  /** How many top reasons are compared to decide an update (and shown first). */
  topReasons: number;
  windows: { recentDays: number; longDays: number };
  weights: {
    /** Points per CSAT point below 4: CSAT 3 → 1×, 2 → 2×, 1 → 3×. */
    lowCsatPerPoint: number;
    /** A detractor: base points plus points per NPS point below 6 (NPS 6 → base, 0 → base + 6×). */
    detractorBase: number;
    detractorPerPoint: number;
    /** Below-expectation SERVQUAL: full points at a weighted gap of −servqualFullGap or worse. */
    servqual: number;
    servqualFullGap: number;
    /** Cases beyond the allowances: per case in the long window and per case in the recent window. */
    casesAllowedLong: number;
    perCaseLong: number;
    casesAllowedRecent: number;
    perCaseRecent: number;
    repeatedCasesCap: number;
    perReopen: number;
    reopenCap: number;
    perEscalation: number;
    escalationCap: number;
    /** Points per resolution norm exceeded by the median, plus per longest-case norm exceeded. */
    perNormExceeded: number;
    resolutionCap: number;
    /** Full points when every recent toned case was negative; proportional to the negative share. */
    negativeTone: number;
    /** Points per NPS point and per CSAT point lost between the last two answers. */
    perNpsDrop: number;
    perCsatDrop: number;
    trendCap: number;
  };
  norms: {
    /** The resolution time a customer expects (median); the longest case is held to a multiple of it. */
    resolutionHours: number;
    longestResolutionMultiple: number;
  };
  value: {
    /**
     * The lifetime value of a first-purchase customer. The seeds say a loyal customer is worth up to
     * ten times the first purchase, so the factor grows on a log scale from 1 at this value to
     * `maxValueFactor` at ten times it (and stays there above).
     */
    referenceLifetimeValue: number;
    maxValueFactor: number;
  };
}

export const DEFAULT_CHURN_RISK_SETTINGS: ChurnRiskSettings = {
  raiseThreshold: 60,
  clearThreshold: 40,
  minChange: 10,
  topReasons: 3,
  windows: { recentDays: 30, longDays: 90 },
  weights: {
    lowCsatPerPoint: 6,
    detractorBase: 12,
    detractorPerPoint: 2,
    servqual: 15,
    servqualFullGap: 3,
    casesAllowedLong: 3,
    perCaseLong: 2,
    casesAllowedRecent: 1,
    perCaseRecent: 4,
    repeatedCasesCap: 15,
    perReopen: 5,
    reopenCap: 15,
    perEscalation: 6,
    escalationCap: 15,
    perNormExceeded: 5,
    resolutionCap: 10,
    negativeTone: 15,
    perNpsDrop: 2,
    perCsatDrop: 4,
    trendCap: 10,
  },
  norms: { resolutionHours: 24, longestResolutionMultiple: 3 },
  value: { referenceLifetimeValue: 1000, maxValueFactor: 1.5 },
};

/** The largest window: the signals are read back this many days from a customer's latest fact. */
export const MAX_CHURN_WINDOW_DAYS = 3650;
/** The seeds: a loyal customer is worth up to ten times the first purchase. */
export const MAX_CHURN_VALUE_FACTOR = 10;

/**
 * The values that would make the detector flap, divide by zero or fail in SQL; empty when the
 * settings are usable. Each problem starts with the path of the field it is about (the settings API
 * names the field from it).
 */
export function churnRiskSettingsProblems(settings: ChurnRiskSettings): string[] {
  const problems: string[] = [];
  const require = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const { raiseThreshold, clearThreshold, minChange, topReasons, windows, norms, value } = settings;
  require(raiseThreshold > 0 && raiseThreshold <= 100, 'raiseThreshold must be in (0, 100]');
  require(clearThreshold >= 0 &&
    clearThreshold < raiseThreshold, 'clearThreshold must be ≥ 0 and below raiseThreshold');
  require(minChange > 0 && minChange <= 100, 'minChange must be in (0, 100]');
  require(Number.isInteger(topReasons) && topReasons >= 1, 'topReasons must be a whole number ≥ 1');
  // Days are bound as SQL integers.
  for (const name of ['recentDays', 'longDays'] as const) {
    require(Number.isInteger(windows[name]) &&
      windows[name] >= 1 &&
      windows[name] <=
        MAX_CHURN_WINDOW_DAYS, `windows.${name} must be a whole number of days from 1 to ${MAX_CHURN_WINDOW_DAYS}`);
  }
  require(windows.recentDays <= windows.longDays, 'windows.recentDays must be ≤ windows.longDays');
  require(norms.resolutionHours > 0, 'norms.resolutionHours must be > 0');
  require(norms.longestResolutionMultiple >= 1, 'norms.longestResolutionMultiple must be ≥ 1');
  require(value.referenceLifetimeValue > 0, 'value.referenceLifetimeValue must be > 0');
  require(value.maxValueFactor >= 1 &&
    value.maxValueFactor <=
      MAX_CHURN_VALUE_FACTOR, `value.maxValueFactor must be from 1 to ${MAX_CHURN_VALUE_FACTOR}`);
  for (const [name, weight] of Object.entries(settings.weights)) {
    require(Number.isFinite(weight) && weight >= 0 && weight <= 100, `weights.${name} must be from 0 to 100`);
  }
  require(settings.weights.servqualFullGap > 0, 'weights.servqualFullGap must be > 0');
  return problems;
}

/** SERVQUAL levels as the survey scorer names them, worst first. */
export const SERVQUAL_LEVELS = ['dissatisfied', 'satisfied', 'delighted'] as const;
export type ServqualLevel = (typeof SERVQUAL_LEVELS)[number];

/**
 * The bars a customer's answers and cases must clear. There are two sets: `raise` (to become a
 * candidate) and the lower `keep` (to stay one), so an open candidacy is not withdrawn and raised
 * again every time a promoter answers 8 instead of 9 (the hysteresis of `candidate-transition.ts`).
 */
export interface CandidateBars {
  /** Latest NPS (0–10) at least this… */
  minNps: number;
  /** …or latest CSAT (1–5) at least this… */
  minCsat: number;
  /** …or latest SERVQUAL level one of these. */
  servqualLevels: ServqualLevel[];
  /** A case resolved well within this many days before the customer's latest fact. */
  caseWithinDays: number;
}

/**
 * Case-study, reference and focus-group candidates (see `assess-candidate.ts` for the rules and the
 * score). Points are on a 0–100 scale; all windows count back from the customer's latest fact (event
 * time), never from the clock, so a replay reaches the same candidates.
 */
export interface CandidateSettings {
  /** To be raised: delighted or a promoter on some latest answer, and a case resolved well recently. */
  raise: CandidateBars;
  /**
   * To stay a candidate. An answer below these bars (a detractor, CSAT 3, a dissatisfied SERVQUAL
   * level with the defaults) makes the customer unhappy: withdrawn, and not raised either.
   */
  keep: CandidateBars;
  /** Survey answers older than this (days before the latest fact) are no longer evidence. */
  satisfactionWithinDays: number;
  /** A case is resolved well when solved or closed, never reopened or escalated, and resolved within this. */
  resolutionNormHours: number;
  /** An open candidacy is updated when its score moves by at least this many points (or its programmes change). */
  minChange: number;
  /** Score points; their sum is the highest possible score (at most 100). */
  weights: {
    /** × the mean of the latest answers on 0–1: NPS / 10, (CSAT − 1) / 4, SERVQUAL level 0, ½, 1. */
    satisfaction: number;
    /** × how fresh the case resolved well is: 1 on the day, 0 at `keep.caseWithinDays`. */
    recency: number;
    /** × clamp(log10(lifetime value / referenceLifetimeValue), 0, 1): full at ten times the reference. */
    value: number;
    /** × min(1, days since the customer's first case or answer / fullTenureDays). */
    tenure: number;
    /** × min(1, surveys answered / fullSurveys). */
    engagement: number;
  };
  /** The lifetime value of a first purchase (the seeds: a loyal customer is worth up to ten times it). */
  referenceLifetimeValue: number;
  fullTenureDays: number;
  fullSurveys: number;
}

export const DEFAULT_CANDIDATE_SETTINGS: CandidateSettings = {
  raise: { minNps: 9, minCsat: 5, servqualLevels: ['delighted'], caseWithinDays: 30 },
  keep: { minNps: 7, minCsat: 4, servqualLevels: ['satisfied', 'delighted'], caseWithinDays: 60 },
  satisfactionWithinDays: 180,
  resolutionNormHours: 24,
  minChange: 10,
  weights: { satisfaction: 40, recency: 20, value: 20, tenure: 10, engagement: 10 },
  referenceLifetimeValue: 1000,
  fullTenureDays: 365,
  fullSurveys: 5,
};

/** What is wrong with a combination of settings (each value is range-checked by the settings API). */
export function candidateSettingsProblems(settings: CandidateSettings): string[] {
  const problems: string[] = [];
  const { raise, keep } = settings;
  for (const [name, bars] of [
    ['raise', raise],
    ['keep', keep],
  ] as const) {
    if (!(Number.isInteger(bars.minNps) && bars.minNps >= 0 && bars.minNps <= 10)) {
      problems.push(`${name}.minNps must be an integer 0–10`);
    }
    if (!(Number.isInteger(bars.minCsat) && bars.minCsat >= 1 && bars.minCsat <= 5)) {
      problems.push(`${name}.minCsat must be an integer 1–5`);
    }
    if (
      !Array.isArray(bars.servqualLevels) ||
      bars.servqualLevels.some((l) => !SERVQUAL_LEVELS.includes(l))
    ) {
      problems.push(`${name}.servqualLevels must name only ${SERVQUAL_LEVELS.join(', ')}`);
    }
    if (!(bars.caseWithinDays > 0)) problems.push(`${name}.caseWithinDays must be > 0`);
  }
  // Keeping must be no harder than raising, or a fresh candidate would be withdrawn at once.
  if (keep.minNps > raise.minNps) problems.push('keep.minNps must be ≤ raise.minNps');
  if (keep.minCsat > raise.minCsat) problems.push('keep.minCsat must be ≤ raise.minCsat');
  if (Array.isArray(raise.servqualLevels) && Array.isArray(keep.servqualLevels)) {
    const missing = raise.servqualLevels.filter((level) => !keep.servqualLevels.includes(level));
    if (missing.length > 0) problems.push(`keep.servqualLevels must include ${missing.join(', ')}`);
  }
  if (keep.caseWithinDays < raise.caseWithinDays) {
    problems.push('keep.caseWithinDays must be ≥ raise.caseWithinDays');
  }
  if (!(settings.satisfactionWithinDays > 0)) problems.push('satisfactionWithinDays must be > 0');
  if (!(settings.resolutionNormHours > 0)) problems.push('resolutionNormHours must be > 0');
  if (!(settings.minChange > 0)) problems.push('minChange must be > 0');
  const weights = Object.entries(settings.weights);
  for (const [name, weight] of weights) {
    if (!(Number.isFinite(weight) && weight >= 0)) problems.push(`weights.${name} must be ≥ 0`);
  }
  const total = weights.reduce((sum, [, weight]) => sum + (Number.isFinite(weight) ? weight : 0), 0);
  if (!(total > 0 && total <= 100)) problems.push('the weights must add up to more than 0 and at most 100');
  if (!(settings.referenceLifetimeValue > 0)) problems.push('referenceLifetimeValue must be > 0');
  if (!(settings.fullTenureDays > 0)) problems.push('fullTenureDays must be > 0');
  if (!(settings.fullSurveys > 0)) problems.push('fullSurveys must be > 0');
  return problems;
}

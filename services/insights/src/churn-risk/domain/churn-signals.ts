/**
 * What the churn-risk detector reads for one customer: everything is derived from insights' own facts
 * (`case_facts`, `survey_facts`, the profile), so the same facts always give the same signals. A signal
 * nobody has evidence for is `null` or 0 and adds no points — never a guess. Windows (`recent`, `long`)
 * are `ChurnRiskSettings.windows`, counted back from the customer's latest fact, not from the clock, so
 * a replay gives the same result.
 */
export interface ChurnSignals {
  /** The latest CSAT answer (1–5) and the one before it, for the trend. */
  lastCsat: number | null;
  previousCsat: number | null;
  /** The latest NPS answer (0–10) and its category, and the NPS answer before it. */
  lastNps: number | null;
  lastNpsCategory: 'promoter' | 'passive' | 'detractor' | null;
  previousNps: number | null;
  /** The latest SERVQUAL level and weighted gap (−6…+6) the customer's responses carried. */
  lastServqualLevel: 'dissatisfied' | 'satisfied' | 'delighted' | null;
  lastServqualGap: number | null;
  /** Cases opened in the recent window (default 30 days) and in the long window (default 90 days). */
  recentCases: number;
  windowCases: number;
  /** Sum of the reopen counts and number of escalated cases, long window. */
  reopens: number;
  escalations: number;
  /** The issue code most reopened or escalated (else most frequent) in the long window, for the action. */
  topIssueCode: string | null;
  /** Median and longest resolution time of the resolved cases in the long window, in hours. */
  medianResolutionHours: number | null;
  maxResolutionHours: number | null;
  /** Recent cases whose classification carried a tone, and how many of those were negative. */
  tonedCases: number;
  negativeToneCases: number;
  /** The customer's lifetime value as last sent; null when never sent. */
  lifetimeValue: number | null;
}

/** No evidence at all: scores 0. */
export function noChurnSignals(): ChurnSignals {
  return {
    lastCsat: null,
    previousCsat: null,
    lastNps: null,
    lastNpsCategory: null,
    previousNps: null,
    lastServqualLevel: null,
    lastServqualGap: null,
    recentCases: 0,
    windowCases: 0,
    reopens: 0,
    escalations: 0,
    topIssueCode: null,
    medianResolutionHours: null,
    maxResolutionHours: null,
    tonedCases: 0,
    negativeToneCases: 0,
    lifetimeValue: null,
  };
}

import { ChurnRiskSettings } from './churn-risk-settings';
import { ChurnSignals } from './churn-signals';

/** The signals a reason can name, in the order that breaks ties between equal points. */
export const CHURN_SIGNALS = [
  'detractor',
  'low_csat',
  'servqual_below_expectation',
  'reopened_cases',
  'escalated_cases',
  'repeated_cases',
  'long_resolution',
  'negative_tone',
  'falling_trend',
] as const;
export type ChurnSignalName = (typeof CHURN_SIGNALS)[number];

export interface ChurnReason {
  signal: ChurnSignalName;
  /** Points before value weighting, rounded to 2 decimals. */
  points: number;
  /** Human-readable evidence, e.g. "NPS 3 (detractor)". */
  detail: string;
}

export interface ChurnRiskAssessment {
  /** 0–100, an integer: round(Σ points × valueFactor), capped at 100. */
  score: number;
  /** Σ of the reasons' points before value weighting (unrounded sum, rounded to 2 decimals). */
  baseScore: number;
  /** 1…maxValueFactor, from the lifetime value (see `valueFactor`). */
  valueFactor: number;
  /** Only signals with points, highest first. */
  reasons: ChurnReason[];
  /** What to do about the top reason; null when there is no reason. */
  suggestedAction: string | null;
}

/**
 * An explainable churn-risk score: every signal adds points on its own (capped per signal), the sum is
 * multiplied by the customer's value factor and capped at 100.
 *
 *   low CSAT        lowCsatPerPoint × (4 − csat)                                for csat ≤ 3
 *   detractor       detractorBase + detractorPerPoint × (6 − nps)               for a detractor
 *   SERVQUAL        servqual × min(1, −gap / servqualFullGap)                    when below expectation
 *   repeated cases  perCaseLong × (cases₉₀ − allowedLong)⁺ + perCaseRecent × (cases₃₀ − allowedRecent)⁺, capped
 *   reopened        perReopen × reopens, capped
 *   escalated       perEscalation × escalations, capped
 *   long resolution perNormExceeded × ((median / norm − 1)⁺ + (longest / (norm × multiple) − 1)⁺), capped
 *   negative tone   negativeTone × negative / toned (recent cases)
 *   falling trend   max(perNpsDrop × NPS drop, perCsatDrop × CSAT drop), capped
 *
 * Each term only grows with worse evidence, so more negative evidence never lowers the score. Pure.
 */
export function scoreChurnRisk(signals: ChurnSignals, settings: ChurnRiskSettings): ChurnRiskAssessment {
  const w = settings.weights;
  const candidates: Array<{ signal: ChurnSignalName; points: number; detail: string }> = [];
  const add = (signal: ChurnSignalName, points: number, detail: string): void => {
    if (points > 0) candidates.push({ signal, points, detail });
  };

  const { lastCsat, previousCsat, lastNps, previousNps } = signals;
  if (lastCsat !== null && lastCsat <= 3) {
    add('low_csat', w.lowCsatPerPoint * (4 - lastCsat), `last CSAT ${lastCsat} of 5`);
  }

  const detractor =
    signals.lastNpsCategory === 'detractor' ||
    (signals.lastNpsCategory === null && lastNps !== null && lastNps <= 6);
  if (detractor) {
    const below = lastNps === null ? 0 : Math.max(0, 6 - lastNps);
    add(
      'detractor',
      w.detractorBase + w.detractorPerPoint * below,
      lastNps === null ? 'last NPS answer is a detractor' : `last NPS ${lastNps} (detractor)`,
    );
  }

  const gap = signals.lastServqualGap;
  if (signals.lastServqualLevel === 'dissatisfied') {
    const share = gap === null ? 1 : Math.min(1, Math.max(0, -gap) / w.servqualFullGap);
    add(
      'servqual_below_expectation',
      w.servqual * share,
      gap === null ? 'service below expectation' : `service below expectation (weighted gap ${round2(gap)})`,
    );
  }

  const windows = settings.windows;
  const repeated =
    w.perCaseLong * Math.max(0, signals.windowCases - w.casesAllowedLong) +
    w.perCaseRecent * Math.max(0, signals.recentCases - w.casesAllowedRecent);
  add(
    'repeated_cases',
    Math.min(w.repeatedCasesCap, repeated),
    `${signals.recentCases} cases in ${windows.recentDays} days, ${signals.windowCases} in ${windows.longDays} days`,
  );

  const about = signals.topIssueCode === null ? '' : `, mostly ${signals.topIssueCode}`;
  add(
    'reopened_cases',
    Math.min(w.reopenCap, w.perReopen * Math.max(0, signals.reopens)),
    `${signals.reopens} reopen${signals.reopens === 1 ? '' : 's'} in ${windows.longDays} days${about}`,
  );
  add(
    'escalated_cases',
    Math.min(w.escalationCap, w.perEscalation * Math.max(0, signals.escalations)),
    `${signals.escalations} escalated case${signals.escalations === 1 ? '' : 's'} in ${windows.longDays} days${about}`,
  );

  const norm = settings.norms.resolutionHours;
  const medianExcess = Math.max(0, (signals.medianResolutionHours ?? 0) / norm - 1);
  const longestExcess = Math.max(
    0,
    (signals.maxResolutionHours ?? 0) / (norm * settings.norms.longestResolutionMultiple) - 1,
  );
  add(
    'long_resolution',
    Math.min(w.resolutionCap, w.perNormExceeded * (medianExcess + longestExcess)),
    `median resolution ${round2(signals.medianResolutionHours ?? 0)} h, longest ${round2(
      signals.maxResolutionHours ?? 0,
    )} h (norm ${norm} h)`,
  );

  if (signals.tonedCases > 0) {
    const negative = Math.min(signals.negativeToneCases, signals.tonedCases);
    add(
      'negative_tone',
      w.negativeTone * (negative / signals.tonedCases),
      `${negative} of ${signals.tonedCases} recent cases sound negative`,
    );
  }

  const npsDrop = lastNps !== null && previousNps !== null ? Math.max(0, previousNps - lastNps) : 0;
  const csatDrop = lastCsat !== null && previousCsat !== null ? Math.max(0, previousCsat - lastCsat) : 0;
  const trend = Math.min(w.trendCap, Math.max(w.perNpsDrop * npsDrop, w.perCsatDrop * csatDrop));
  const falls = [
    npsDrop > 0 ? `NPS ${previousNps} → ${lastNps}` : null,
    csatDrop > 0 ? `CSAT ${previousCsat} → ${lastCsat}` : null,
  ].filter((fall): fall is string => fall !== null);
  add('falling_trend', trend, `falling: ${falls.join(', ')}`);

  const base = candidates.reduce((sum, reason) => sum + reason.points, 0);
  const factor = valueFactor(signals.lifetimeValue, settings);
  const reasons = candidates
    .map((reason) => ({ ...reason, points: round2(reason.points) }))
    .sort((a, b) => b.points - a.points || CHURN_SIGNALS.indexOf(a.signal) - CHURN_SIGNALS.indexOf(b.signal));
  return {
    score: Math.min(100, Math.round(base * factor)),
    baseScore: round2(base),
    valueFactor: round2(factor),
    reasons,
    suggestedAction: reasons.length === 0 ? null : suggestedAction(reasons[0].signal, signals),
  };
}

/**
 * Value weighting on a log scale: 1 up to the reference lifetime value (a first purchase), rising with
 * log₁₀(value / reference) to `maxValueFactor` at ten times the reference (the seeds' "a loyal
 * customer is worth up to ten times the first purchase"), and no higher beyond:
 *
 *   factor = 1 + (maxValueFactor − 1) × clamp(log₁₀(lifetimeValue / reference), 0, 1)
 *
 * Unknown value: 1, so a customer is never ranked down for what the help desk did not send.
 */
export function valueFactor(lifetimeValue: number | null, settings: ChurnRiskSettings): number {
  const { referenceLifetimeValue, maxValueFactor } = settings.value;
  if (lifetimeValue === null || !(lifetimeValue > 0)) return 1;
  const position = Math.min(1, Math.max(0, Math.log10(lifetimeValue / referenceLifetimeValue)));
  return 1 + (maxValueFactor - 1) * position;
}

/** The action for the top reason: who should do what, and how soon. */
export function suggestedAction(signal: ChurnSignalName, signals: ChurnSignals): string {
  const issue = signals.topIssueCode ?? 'the recurring issue';
  switch (signal) {
    case 'detractor':
      return 'Call within 48 h by a senior agent: ask what would make them recommend us and agree a fix';
    case 'low_csat':
      return 'Follow up on the last survey within 48 h and close the loop on what went wrong';
    case 'servqual_below_expectation':
      return 'Review with the account owner where the service fell short of expectations and agree a plan';
    case 'reopened_cases':
      return `Escalate to the product owner of ${issue}: the same problem keeps coming back`;
    case 'escalated_cases':
      return `Assign one senior owner for the customer's ${issue} cases until they are solved for good`;
    case 'repeated_cases':
      return `Contact proactively and look for the root cause behind the repeated ${issue} cases`;
    case 'long_resolution':
      return "Review the customer's open cases against the resolution target and commit to a date";
    case 'negative_tone':
      return 'Have a senior agent call to acknowledge the frustration before the next case';
    case 'falling_trend':
      return 'Check in with the customer now: satisfaction is falling, ask what changed';
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

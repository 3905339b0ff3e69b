import { CandidateBars, CandidateSettings, ServqualLevel } from './candidate-settings';
import { CandidateSignals, Programme, PROGRAMMES, ResolvedCase, SurveyAnswer } from './candidate-signals';

/** Why a customer cannot be raised, or why an open candidacy is withdrawn. */
export const CANDIDATE_BLOCKERS = [
  /** Consents to none of the programmes (never asked, or withdrawn). */
  'no_consent',
  /** A latest answer below the keep bars: a detractor, a low CSAT, a dissatisfied SERVQUAL level. */
  'unhappy',
  /** Answers are fine but none reaches the raise bars (only when raising). */
  'not_delighted',
  /** No survey answer within the satisfaction window: the evidence aged out. */
  'no_recent_satisfaction',
  /** No case resolved well within the window: aged out, reopened, escalated, or never. */
  'no_case_resolved_well',
  /** The customer has an open churn-risk insight. */
  'churn_risk',
  /** The customer has an open case that was escalated. */
  'escalated_case',
] as const;
export type CandidateBlockerName = (typeof CANDIDATE_BLOCKERS)[number];

export interface CandidateBlocker {
  reason: CandidateBlockerName;
  /** The evidence, e.g. "last NPS 5 (detractor) on 2032-05-01". */
  detail: string;
}

export type SatisfactionMeasure = 'nps' | 'csat' | 'servqual';

/** One of the customer's latest answers, as evidence: which survey, when, the figure and its reading. */
export interface SatisfactionEvidence {
  measure: SatisfactionMeasure;
  /** NPS 0–10, CSAT 1–5, or SERVQUAL's weighted gap (−6…+6; null when the response did not carry it). */
  value: number | null;
  /** NPS category, CSAT satisfied / not, SERVQUAL level. */
  level: string;
  responseId: string;
  source: string;
  respondedAt: Date;
  /** Reaches the raise bar (delighted or a promoter). */
  delighted: boolean;
  /** Below the keep bar. */
  unhappy: boolean;
  detail: string;
}

export interface ResolvedCaseEvidence extends ResolvedCase {
  resolutionHours: number;
  /** Days between the resolution and the customer's latest fact. */
  ageDays: number;
}

export interface CandidateEvidence {
  /** The latest answer of each kind within the satisfaction window, newest first. */
  satisfaction: SatisfactionEvidence[];
  /** The most recent case resolved well, when one is within the keep window. */
  resolvedCase: ResolvedCaseEvidence | null;
  surveysAnswered: number;
  firstSeenAt: Date;
  lifetimeValue: number | null;
}

/** The score's parts in points (rounded to 2 decimals); see `CandidateSettings.weights`. */
export interface CandidateScoreParts {
  satisfaction: number;
  recency: number;
  value: number;
  tenure: number;
  engagement: number;
}

export interface CandidateAssessment {
  /** 0–100, an integer: round(Σ parts), capped at 100. Ranks candidates; never gates them. */
  score: number;
  scoreParts: CandidateScoreParts;
  /** The programmes the customer consents to, in `PROGRAMMES` order. */
  programmes: Programme[];
  evidence: CandidateEvidence;
  /** Why the customer cannot be raised now; empty when they can. */
  raiseBlockers: CandidateBlocker[];
  /** Why an open candidacy cannot stay; empty when it stays. What a withdrawal names. */
  keepBlockers: CandidateBlocker[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SERVQUAL_POSITION: Record<ServqualLevel, number> = { dissatisfied: 0, satisfied: 0.5, delighted: 1 };

/**
 * Whether a customer is a case-study, reference or focus-group candidate, and how good a one.
 *
 * To be **raised**, all of:
 *   - consents to at least one programme (`consent.caseStudy`, `.reference`, `.focusGroup`; absent = no);
 *   - has answered a survey within `satisfactionWithinDays`, and of the latest answer of each kind
 *     (NPS, CSAT, SERVQUAL level) within it, one reaches the raise bar (NPS ≥ 9, CSAT 5, delighted)
 *     and none is below the keep bar (NPS ≤ 6, CSAT ≤ 3, dissatisfied: unhappy);
 *   - had a case resolved well within `raise.caseWithinDays`: solved or closed, never reopened or
 *     escalated, resolved within `resolutionNormHours` of opening;
 *   - has no open churn-risk insight and no open escalated case.
 * To **stay** one, the same with the keep bars: every latest answer at least passive / satisfied,
 * the case resolved well within `keep.caseWithinDays`. Windows count back from the latest fact.
 *
 * **Score** (0–100), for ranking: satisfaction strength (the mean of the latest answers on 0–1),
 * recency of the case resolved well, lifetime value (log scale), tenure (days known) and engagement
 * (surveys answered), each × its weight. Pure and deterministic.
 */
export function assessCandidate(signals: CandidateSignals, settings: CandidateSettings): CandidateAssessment {
  const at = signals.at.getTime();
  const ageDays = (time: Date) => Math.max(0, (at - time.getTime()) / DAY_MS);
  const programmes = PROGRAMMES.filter((programme) => signals.consent[programme] === true);

  const answers = latestAnswers(signals).filter(
    (answer) => ageDays(answer.respondedAt) <= settings.satisfactionWithinDays,
  );
  const satisfaction = answers.map((answer) => readAnswer(answer, settings));

  const resolved = signals.lastResolvedWell;
  const caseAge = resolved === null ? null : ageDays(resolved.resolvedAt);
  const resolvedCase: ResolvedCaseEvidence | null =
    resolved === null || caseAge === null || caseAge > settings.keep.caseWithinDays
      ? null
      : {
          ...resolved,
          resolutionHours: round2((resolved.resolvedAt.getTime() - resolved.openedAt.getTime()) / HOUR_MS),
          ageDays: round2(caseAge),
        };

  const blockers = (bars: CandidateBars, raising: boolean): CandidateBlocker[] => {
    const found: CandidateBlocker[] = [];
    if (programmes.length === 0) {
      found.push({ reason: 'no_consent', detail: 'consents to no case study, reference or focus group' });
    }
    if (satisfaction.length === 0) {
      found.push({
        reason: 'no_recent_satisfaction',
        detail: noRecentSatisfaction(signals, settings, ageDays),
      });
    }
    const unhappy = satisfaction.filter((answer) => answer.unhappy);
    if (unhappy.length > 0) {
      found.push({ reason: 'unhappy', detail: unhappy.map((answer) => answer.detail).join('; ') });
    } else if (raising && satisfaction.length > 0 && !satisfaction.some((answer) => answer.delighted)) {
      found.push({
        reason: 'not_delighted',
        detail: `${satisfaction.map((answer) => answer.detail).join('; ')}: none delighted or a promoter`,
      });
    }
    if (resolved === null || caseAge === null || caseAge > bars.caseWithinDays) {
      found.push({
        reason: 'no_case_resolved_well',
        detail:
          resolved === null || caseAge === null
            ? `no case resolved well (within ${settings.resolutionNormHours} h, never reopened or escalated) on record`
            : `the last case resolved well (${resolved.caseId}, ${day(resolved.resolvedAt)}) is ${Math.floor(caseAge)} days old; the window is ${bars.caseWithinDays} days`,
      });
    }
    if (signals.openChurnRiskScore !== null) {
      found.push({
        reason: 'churn_risk',
        detail: `open churn-risk insight, score ${signals.openChurnRiskScore}`,
      });
    }
    if (signals.openEscalatedCaseId !== null) {
      found.push({
        reason: 'escalated_case',
        detail: `case ${signals.openEscalatedCaseId} is open and escalated`,
      });
    }
    return found;
  };

  const w = settings.weights;
  const position =
    satisfaction.length === 0
      ? 0
      : satisfaction.reduce((sum, answer) => sum + positionOf(answer), 0) / satisfaction.length;
  const tenureDays = ageDays(signals.firstSeenAt);
  const lifetimeValue = signals.lifetimeValue;
  const parts = {
    satisfaction: w.satisfaction * position,
    recency: caseAge === null ? 0 : w.recency * clamp01(1 - caseAge / settings.keep.caseWithinDays),
    value:
      lifetimeValue === null || lifetimeValue <= 0
        ? 0
        : w.value * clamp01(Math.log10(lifetimeValue / settings.referenceLifetimeValue)),
    tenure: w.tenure * Math.min(1, tenureDays / settings.fullTenureDays),
    engagement: w.engagement * Math.min(1, Math.max(0, signals.surveysAnswered) / settings.fullSurveys),
  };
  const total = parts.satisfaction + parts.recency + parts.value + parts.tenure + parts.engagement;

  return {
    score: Math.min(100, Math.round(total)),
    scoreParts: {
      satisfaction: round2(parts.satisfaction),
      recency: round2(parts.recency),
      value: round2(parts.value),
      tenure: round2(parts.tenure),
      engagement: round2(parts.engagement),
    },
    programmes,
    evidence: {
      satisfaction,
      resolvedCase,
      surveysAnswered: signals.surveysAnswered,
      firstSeenAt: signals.firstSeenAt,
      lifetimeValue,
    },
    raiseBlockers: blockers(settings.raise, true),
    keepBlockers: blockers(settings.keep, false),
  };
}

type Answer =
  | ({ measure: 'nps' } & SurveyAnswer<number>)
  | ({ measure: 'csat' } & SurveyAnswer<number>)
  | ({ measure: 'servqual' } & SurveyAnswer<{ level: ServqualLevel; weightedGap: number | null }>);

/** The latest answer of each kind, newest first (ties in a fixed measure order). */
function latestAnswers(signals: CandidateSignals): Answer[] {
  const answers: Answer[] = [];
  if (signals.lastNps) answers.push({ measure: 'nps', ...signals.lastNps });
  if (signals.lastCsat) answers.push({ measure: 'csat', ...signals.lastCsat });
  if (signals.lastServqual) answers.push({ measure: 'servqual', ...signals.lastServqual });
  return answers.sort((a, b) => b.respondedAt.getTime() - a.respondedAt.getTime());
}

function readAnswer(answer: Answer, settings: CandidateSettings): SatisfactionEvidence {
  const { raise, keep } = settings;
  const common = { responseId: answer.responseId, source: answer.source, respondedAt: answer.respondedAt };
  const on = day(answer.respondedAt);
  switch (answer.measure) {
    case 'nps': {
      const nps = answer.value;
      const level = nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
      return {
        measure: 'nps',
        value: nps,
        level,
        ...common,
        delighted: nps >= raise.minNps,
        unhappy: nps < keep.minNps,
        detail: `last NPS ${nps} (${level}) on ${on}`,
      };
    }
    case 'csat': {
      const csat = answer.value;
      return {
        measure: 'csat',
        value: csat,
        level: csat >= 4 ? 'satisfied' : 'not satisfied',
        ...common,
        delighted: csat >= raise.minCsat,
        unhappy: csat < keep.minCsat,
        detail: `last CSAT ${csat} of 5 on ${on}`,
      };
    }
    case 'servqual': {
      const { level, weightedGap } = answer.value;
      const gap = weightedGap === null ? '' : ` (weighted gap ${round2(weightedGap)})`;
      return {
        measure: 'servqual',
        value: weightedGap === null ? null : round2(weightedGap),
        level,
        ...common,
        delighted: raise.servqualLevels.includes(level),
        unhappy: !keep.servqualLevels.includes(level),
        detail: `last SERVQUAL level ${level}${gap} on ${on}`,
      };
    }
  }
}

/** An answer on 0–1: NPS / 10, (CSAT − 1) / 4, SERVQUAL level dissatisfied 0, satisfied ½, delighted 1. */
function positionOf(answer: SatisfactionEvidence): number {
  switch (answer.measure) {
    case 'nps':
      return clamp01((answer.value ?? 0) / 10);
    case 'csat':
      return clamp01(((answer.value ?? 1) - 1) / 4);
    case 'servqual':
      return SERVQUAL_POSITION[answer.level as ServqualLevel] ?? 0;
  }
}

function noRecentSatisfaction(
  signals: CandidateSignals,
  settings: CandidateSettings,
  ageDays: (time: Date) => number,
): string {
  const [latest] = latestAnswers(signals);
  if (!latest) return 'no survey answered';
  return `the latest survey answer (${day(latest.respondedAt)}) is ${Math.floor(ageDays(latest.respondedAt))} days old; answers count for ${settings.satisfactionWithinDays} days`;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function day(time: Date): string {
  return time.toISOString().slice(0, 10);
}

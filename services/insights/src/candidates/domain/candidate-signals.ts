import { ServqualLevel } from './candidate-settings';

export const PROGRAMMES = ['caseStudy', 'reference', 'focusGroup'] as const;
/** What a customer can consent to take part in (`customer.consent`): each one separately. */
export type Programme = (typeof PROGRAMMES)[number];

/** One survey answer that counts as evidence: which response, when, and the figure. */
export interface SurveyAnswer<T> {
  value: T;
  responseId: string;
  source: string;
  respondedAt: Date;
}

/** A case resolved well: solved or closed, never reopened or escalated, resolved within the norm. */
export interface ResolvedCase {
  caseId: string;
  source: string;
  issueCode: string;
  channel: string;
  openedAt: Date;
  resolvedAt: Date;
}

/**
 * What the candidate rules read for one customer, all from insights' own facts and read models, so
 * the same facts always give the same answer. Nothing known is `null`, never a guess.
 */
export interface CandidateSignals {
  /** "Now" in event time: the version time of the customer's latest case or survey fact. */
  at: Date;
  /** The customer's first case opening or survey answer on record. */
  firstSeenAt: Date;
  /** The consent as last sent: absent means no. */
  consent: Partial<Record<Programme, boolean>>;
  lifetimeValue: number | null;
  /** The latest answer of each kind (of any age: the rules apply the window). */
  lastNps: SurveyAnswer<number> | null;
  lastCsat: SurveyAnswer<number> | null;
  lastServqual: SurveyAnswer<{ level: ServqualLevel; weightedGap: number | null }> | null;
  surveysAnswered: number;
  /** The most recently resolved case resolved well (of any age: the rules apply the window). */
  lastResolvedWell: ResolvedCase | null;
  /** The customer's open churn-risk insight's score, when there is one. */
  openChurnRiskScore: number | null;
  /** An open or pending case that was escalated (the most recent one), when there is one. */
  openEscalatedCaseId: string | null;
}

/** Median and 90th percentile of one duration, in calendar and in business seconds. */
export interface DurationPercentiles {
  median: number | null;
  p90: number | null;
  businessMedian: number | null;
  businessP90: number | null;
}

/**
 * What the database counts, sums and ranks per group (see case-measures.sql.ts for which case
 * counts where). Everything else is derived from these by {@link serviceFigures}.
 */
export interface ServiceTally {
  cases: number;
  casesByChannel: Record<string, number>;
  casesByIssueCode: Record<string, number>;
  /** Cases on a channel other than self-service. */
  assistedCases: number;
  customersWithAssistedCase: number;
  /** Cases on the self-service channel: each is a session. */
  selfServiceCases: number;
  /** Assisted cases that say the customer tried self-service first: a session each. */
  selfServiceAttemptsBeforeCase: number;
  /** Sessions (of both kinds) that say whether they were abandoned, and those that were. */
  selfServiceAbandonKnown: number;
  selfServiceAbandoned: number;
  firstResponses: number;
  firstResponse: DurationPercentiles;
  resolvedCases: number;
  resolution: DurationPercentiles;
  holdReported: number;
  holdSecondsSum: number;
  medianHoldSeconds: number | null;
  abandonKnown: number;
  abandoned: number;
  chats: number;
  missedKnown: number;
  missedChats: number;
  chatDurations: number;
  chatDurationSecondsSum: number;
  medianChatDurationSeconds: number | null;
  escalationKnown: number;
  escalated: number;
  reopenKnown: number;
  reopenedCases: number;
  reopens: number;
  costReported: number;
  totalCost: number;
}

/** Every service metric of one group. Durations in seconds; rates 0–1. Definitions: docs/metrics.md. */
export interface ServiceFigures {
  cases: number;
  casesByChannel: Record<string, number>;
  casesByIssueCode: Record<string, number>;
  assistedCases: number;
  selfServiceSessions: number;
  selfServiceSessionsBeforeCase: number;
  customersWithAssistedCase: number;
  /** Self-service sessions per customer who still opened an assisted case. */
  selfServiceScore: number | null;
  selfServiceAbandoned: number;
  selfServiceAbandonRate: number | null;
  firstResponses: number;
  medianFirstResponseSeconds: number | null;
  p90FirstResponseSeconds: number | null;
  medianFirstResponseBusinessSeconds: number | null;
  p90FirstResponseBusinessSeconds: number | null;
  resolvedCases: number;
  medianResolutionSeconds: number | null;
  p90ResolutionSeconds: number | null;
  medianResolutionBusinessSeconds: number | null;
  p90ResolutionBusinessSeconds: number | null;
  meanHoldSeconds: number | null;
  medianHoldSeconds: number | null;
  abandonedCases: number;
  /** Abandoned ÷ cases whose abandonment is known. */
  abandonRate: number | null;
  chats: number;
  missedChats: number;
  missedChatRate: number | null;
  medianChatDurationSeconds: number | null;
  meanChatDurationSeconds: number | null;
  escalatedCases: number;
  escalationRate: number | null;
  reopenedCases: number;
  reopenRate: number | null;
  reopens: number;
  totalCost: number | null;
  costPerCase: number | null;
}

/** The metrics of a group from its tally: rates and means over what was reported, null when nothing was. Pure. */
export function serviceFigures(tally: ServiceTally): ServiceFigures {
  const sessions = tally.selfServiceCases + tally.selfServiceAttemptsBeforeCase;
  return {
    cases: tally.cases,
    casesByChannel: tally.casesByChannel,
    casesByIssueCode: tally.casesByIssueCode,
    assistedCases: tally.assistedCases,
    selfServiceSessions: sessions,
    selfServiceSessionsBeforeCase: tally.selfServiceAttemptsBeforeCase,
    customersWithAssistedCase: tally.customersWithAssistedCase,
    selfServiceScore: ratio(sessions, tally.customersWithAssistedCase, 2),
    selfServiceAbandoned: tally.selfServiceAbandoned,
    selfServiceAbandonRate: ratio(tally.selfServiceAbandoned, tally.selfServiceAbandonKnown),
    firstResponses: tally.firstResponses,
    medianFirstResponseSeconds: seconds(tally.firstResponse.median),
    p90FirstResponseSeconds: seconds(tally.firstResponse.p90),
    medianFirstResponseBusinessSeconds: seconds(tally.firstResponse.businessMedian),
    p90FirstResponseBusinessSeconds: seconds(tally.firstResponse.businessP90),
    resolvedCases: tally.resolvedCases,
    medianResolutionSeconds: seconds(tally.resolution.median),
    p90ResolutionSeconds: seconds(tally.resolution.p90),
    medianResolutionBusinessSeconds: seconds(tally.resolution.businessMedian),
    p90ResolutionBusinessSeconds: seconds(tally.resolution.businessP90),
    meanHoldSeconds: ratio(tally.holdSecondsSum, tally.holdReported, 2),
    medianHoldSeconds: seconds(tally.medianHoldSeconds),
    abandonedCases: tally.abandoned,
    abandonRate: ratio(tally.abandoned, tally.abandonKnown),
    chats: tally.chats,
    missedChats: tally.missedChats,
    missedChatRate: ratio(tally.missedChats, tally.missedKnown),
    medianChatDurationSeconds: seconds(tally.medianChatDurationSeconds),
    meanChatDurationSeconds: ratio(tally.chatDurationSecondsSum, tally.chatDurations, 2),
    escalatedCases: tally.escalated,
    escalationRate: ratio(tally.escalated, tally.escalationKnown),
    reopenedCases: tally.reopenedCases,
    reopenRate: ratio(tally.reopenedCases, tally.reopenKnown),
    reopens: tally.reopens,
    totalCost: tally.costReported === 0 ? null : round(tally.totalCost, 2),
    costPerCase: ratio(tally.totalCost, tally.costReported, 2),
  };
}

/** numerator ÷ denominator rounded (rates to 4 decimals), null when the denominator is 0. */
export function ratio(numerator: number, denominator: number, decimals = 4): number | null {
  return denominator === 0 ? null : round(numerator / denominator, decimals);
}

function seconds(value: number | null): number | null {
  return value === null ? null : round(value, 2);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

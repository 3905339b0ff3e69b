import { NpsCategory, RatingTopic, SatisfactionLevel, ServqualDimension } from '@supportlens/contracts';
import { SegmentAttribute } from './satisfaction-groupings';

/**
 * The scores of a response as stored (`survey_facts.scores`, the `scores` of the scored-survey
 * event). Only what was answered is present.
 */
export interface StoredScores {
  csat?: number;
  csatSatisfied?: boolean;
  nps?: number;
  npsCategory?: NpsCategory;
  ces?: number;
  cesLowEffort?: boolean;
  /** The topic ratings answered, 1–5. */
  ratings?: Partial<Record<RatingTopic, number>>;
  servqual?: {
    dimensions: Array<{ dimension: ServqualDimension; gap: number }>;
    weightedGap: number;
    qualityIndex: number;
    level: SatisfactionLevel;
  };
  satisfactionIndex?: number;
  benchmark?: { index: number };
}

/** What decides a response's contribution to the rollup: when, which groups, which scores. */
export interface SatisfactionResponse {
  /** The UTC calendar day of `respondedAt`, `YYYY-MM-DD`. */
  day: string;
  /** The customer's segment as the response carried it. */
  segment: Partial<Record<SegmentAttribute, string>>;
  channel: string | null;
  /** Of the classified case the response is about (transactional responses with a `caseId`). */
  issueCode: string | null;
  agentId: string | null;
  scores: StoredScores;
}

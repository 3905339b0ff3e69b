import {
  CandidateProgramme,
  CandidateResolvedCase,
  CandidateSatisfactionEvidence,
  CandidateScoreParts,
} from '@supportlens/contracts';
import { FocusGroupDimension } from './candidates.query';

/** The evidence as stored in `case_study_candidates.evidence` and served by the API (the event's shapes). */
export interface StoredCandidateEvidence {
  /** The latest answer of each kind within the satisfaction window, newest first. */
  satisfaction: CandidateSatisfactionEvidence[];
  /** The most recent case resolved well; null when none is left. */
  resolvedCase: CandidateResolvedCase | null;
  surveysAnswered: number;
  firstSeenAt: string;
}

/** An open case-study / reference / focus-group candidacy as the API serves it. */
export interface CandidateView {
  customerId: string;
  /** 0–100, for ranking; `scoreParts` says where the points come from. */
  score: number;
  scoreParts: CandidateScoreParts;
  /** The programmes the customer consents to. */
  programmes: CandidateProgramme[];
  /** The customer's segment as last sent (from the profile). */
  segment: Record<string, string>;
  lifetimeValue: number | null;
  /** Why: the latest answers, the case resolved well, surveys answered, first seen. */
  evidence: StoredCandidateEvidence;
  raisedAt: string;
  updatedAt: string;
  /** How many changes consumers of the topic have seen (the last event's `sequence`). */
  version: number;
}

export interface CandidatePage {
  items: CandidateView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A focus group drawn across the values of one segment attribute. */
export interface FocusGroupView {
  /** The segment attribute the group is drawn across. */
  by: FocusGroupDimension;
  /** The size asked for; `members` may be shorter when one segment value has most candidates. */
  size: number;
  /** No segment value holds more members than this (unless `fill` topped the group up). */
  perSegmentCap: number;
  /** In draw order: round by round, the best remaining candidate of each segment value. */
  members: Array<CandidateView & { stratum: string | null }>;
  /** Every segment value with focus-group candidates matching the filters, in the order the rounds visit them. */
  segments: Array<{ value: string | null; candidates: number; drawn: number }>;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CustomerSegment } from '../customers/customer';
import { IsTimestamp } from '../validation/is-timestamp';

export const CASE_STUDY_CANDIDATE_CHANGES = ['raised', 'updated', 'withdrawn'] as const;
/** What happened to the customer's candidacy: a consumer keeps its own list from these alone. */
export type CaseStudyCandidateChange = (typeof CASE_STUDY_CANDIDATE_CHANGES)[number];

export const CANDIDATE_PROGRAMMES = ['caseStudy', 'reference', 'focusGroup'] as const;
/** A programme the customer consented to take part in (`customer.consent`). */
export type CandidateProgramme = (typeof CANDIDATE_PROGRAMMES)[number];

export const CANDIDATE_SATISFACTION_MEASURES = ['nps', 'csat', 'servqual'] as const;

export const CANDIDATE_WITHDRAWAL_REASONS = [
  'no_consent',
  'unhappy',
  'not_delighted',
  'no_recent_satisfaction',
  'no_case_resolved_well',
  'churn_risk',
  'escalated_case',
] as const;
export type CandidateWithdrawalReasonName = (typeof CANDIDATE_WITHDRAWAL_REASONS)[number];

const NUMBER = { allowNaN: false, allowInfinity: false } as const;

/** One of the customer's latest survey answers: which survey, when, the figure and how it reads. */
export class CandidateSatisfactionEvidence {
  /** `nps` (0–10), `csat` (1–5) or `servqual` (the response's SERVQUAL level). */
  @IsIn(CANDIDATE_SATISFACTION_MEASURES) measure!: (typeof CANDIDATE_SATISFACTION_MEASURES)[number];
  /** The NPS or CSAT answer, or SERVQUAL's weighted gap (−6…+6); absent when the response had none. */
  @IsOptional() @IsNumber(NUMBER) @Min(-6) @Max(10) value?: number;
  /** NPS category (promoter, passive, detractor), CSAT satisfied / not satisfied, or SERVQUAL level. */
  @IsString() @IsNotEmpty() @MaxLength(50) level!: string;
  /** The survey response the answer comes from, with the system that sent it. */
  @IsString() @IsNotEmpty() @MaxLength(200) responseId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;
  /** When the customer answered. */
  @IsTimestamp() respondedAt!: string;
  /** Reaches the raise bar: a promoter, CSAT 5, SERVQUAL delighted (configurable). */
  @IsBoolean() delighted!: boolean;
  /** Below the keep bar: a detractor, CSAT 3 or less, SERVQUAL dissatisfied (configurable). */
  @IsBoolean() unhappy!: boolean;
  /** The same in words, e.g. "last NPS 10 (promoter) on 2032-05-10". */
  @IsString() @MaxLength(500) detail!: string;
}

/** The case resolved well the candidacy rests on: solved or closed, never reopened or escalated, quickly. */
export class CandidateResolvedCase {
  /** The case, with the system of record that sent it. */
  @IsString() @IsNotEmpty() @MaxLength(200) caseId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;
  /** Its issue code, as classified: what a case study could be about. */
  @IsString() @IsNotEmpty() @MaxLength(100) issueCode!: string;
  /** The channel it came in on (phone, chat, email, web, social, self_service). */
  @IsString() @IsNotEmpty() @MaxLength(50) channel!: string;
  @IsTimestamp() openedAt!: string;
  @IsTimestamp() resolvedAt!: string;
  /** resolvedAt − openedAt, in hours (within the configured norm, 24 h by default). */
  @IsNumber(NUMBER) @Min(0) resolutionHours!: number;
  /** Days from the resolution to the customer's latest fact (`at`). */
  @IsNumber(NUMBER) @Min(0) ageDays!: number;
}

/** The score's parts in points; they add up to the score (before rounding). */
export class CandidateScoreParts {
  /** Satisfaction strength: the mean of the latest answers on 0–1 × its weight (default 40). */
  @IsNumber(NUMBER) @Min(0) @Max(100) satisfaction!: number;
  /** How fresh the case resolved well is (default up to 20). */
  @IsNumber(NUMBER) @Min(0) @Max(100) recency!: number;
  /** Lifetime value on a log scale, full at ten times the reference (default up to 20). */
  @IsNumber(NUMBER) @Min(0) @Max(100) value!: number;
  /** How long the customer has been known to support (default up to 10). */
  @IsNumber(NUMBER) @Min(0) @Max(100) tenure!: number;
  /** How many surveys the customer answered (default up to 10). */
  @IsNumber(NUMBER) @Min(0) @Max(100) engagement!: number;
}

/** Why a candidacy was withdrawn: the rule it no longer meets and the evidence. */
export class CandidateWithdrawalReason {
  /** `no_consent` (consent withdrawn), `unhappy`, `no_recent_satisfaction` / `no_case_resolved_well` (evidence aged out), `churn_risk`, `escalated_case`. */
  @IsIn(CANDIDATE_WITHDRAWAL_REASONS) reason!: CandidateWithdrawalReasonName;
  /** The evidence in words, e.g. "last CSAT 2 of 5 on 2032-06-01". */
  @IsString() @MaxLength(500) detail!: string;
}

/**
 * A change of one customer's case-study, reference and focus-group candidacy:
 * `marketing.insights.case-study-candidates.v1`, keyed by customer. `raised` when a consenting,
 * delighted customer recently had a case resolved well; `updated` when the programmes consented to
 * change or the score moves; `withdrawn` when consent is withdrawn, the customer becomes unhappy or
 * the evidence ages out (`withdrawnBecause`). `sequence` counts the customer's changes from 1.
 */
export class CaseStudyCandidateInsight {
  /** The customer (the Kafka key and the CloudEvents subject). */
  @IsString() @IsNotEmpty() @MaxLength(200) customerId!: string;
  @IsIn(CASE_STUDY_CANDIDATE_CHANGES) change!: CaseStudyCandidateChange;
  /** 0–100, for ranking: Σ scoreParts, rounded. */
  @IsInt() @Min(0) @Max(100) score!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => CandidateScoreParts)
  scoreParts!: CandidateScoreParts;

  /** The programmes the customer consents to, each once; empty when a withdrawal is for lack of consent. */
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(CANDIDATE_PROGRAMMES, { each: true })
  programmes!: CandidateProgramme[];

  /** The latest answer of each kind within the satisfaction window, newest first. */
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => CandidateSatisfactionEvidence)
  satisfaction!: CandidateSatisfactionEvidence[];

  /** The most recent case resolved well; absent when none is left (then the candidacy is withdrawn). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CandidateResolvedCase)
  resolvedCase?: CandidateResolvedCase;

  /** On `withdrawn`: every rule the customer no longer meets. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CandidateWithdrawalReason)
  withdrawnBecause?: CandidateWithdrawalReason[];

  /** The customer's segment as last sent, so a consumer can draw groups across segments. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerSegment)
  segment?: CustomerSegment;

  /** The customer's lifetime value as last sent; absent when never sent. */
  @IsOptional() @IsNumber(NUMBER) @Min(0) lifetimeValue?: number;
  /** Survey responses the customer has given. */
  @IsInt() @Min(0) surveysAnswered!: number;
  /** The customer's first case or survey answer on record (tenure). */
  @IsTimestamp() firstSeenAt!: string;
  /** The time of the customer's latest fact the candidacy was assessed from. */
  @IsTimestamp() at!: string;
  /** The insight settings version whose bars and weights decided this change (0: the code defaults). */
  @IsInt() @Min(0) settingsVersion!: number;
  /** The customer's changes counted from 1. */
  @IsInt() @Min(1) sequence!: number;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ISSUE_KINDS, IssueKind } from '../classified-cases/issue-kind';
import { SEGMENT_ATTRIBUTES } from '../customers/customer';
import { IsTimestamp } from '../validation/is-timestamp';

export const CONTENT_TOPIC_CHANGES = ['raised', 'updated', 'cleared'] as const;
/** What happened to the topic's insight: a consumer keeps its own list of open topics from these alone. */
export type ContentTopicChange = (typeof CONTENT_TOPIC_CHANGES)[number];

export const CONTENT_TOPIC_KINDS = ['issue_code', 'term'] as const;
/** An issue code of the taxonomy, or a key term of unclassified and low-confidence cases (an emerging topic). */
export type ContentTopicKind = (typeof CONTENT_TOPIC_KINDS)[number];

export const SUGGESTED_CONTENT_KINDS = ['how_to', 'faq', 'release_note', 'comparison'] as const;
/** The piece of content the topic calls for. */
export type SuggestedContentKind = (typeof SUGGESTED_CONTENT_KINDS)[number];

export const CONTENT_TOPIC_SEGMENT_ATTRIBUTES = SEGMENT_ATTRIBUTES;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A run of whole UTC days, both ends included. */
export class ContentTopicWindow {
  /** The first day, `YYYY-MM-DD`. */
  @Matches(DAY) from!: string;
  /** The last day, `YYYY-MM-DD` (the day of the evaluation for the current window). */
  @Matches(DAY) to!: string;
  /** How many days. */
  @IsInt() @Min(1) @Max(366) days!: number;
}

/** How the score is made up: the points of each part (see `score`). */
export class ContentTopicScoreParts {
  /** Points for the volume (log scale, saturating). */
  @IsNumber() @Min(0) @Max(100) volume!: number;
  /** Points for the growth against the previous window (log scale, saturating; a fall scores 0). */
  @IsNumber() @Min(0) @Max(100) growth!: number;
  /** Points for the share of how-to cases. */
  @IsNumber() @Min(0) @Max(100) howTo!: number;
}

/** A segment over-represented among the topic's cases. */
export class ContentTopicSegment {
  /** The segment attribute. */
  @IsIn(CONTENT_TOPIC_SEGMENT_ATTRIBUTES) attribute!: string;
  /** Its value, e.g. `retail`. */
  @IsString() @IsNotEmpty() @MaxLength(100) value!: string;
  /** The topic's cases from customers of this segment in the current window. */
  @IsInt() @Min(0) cases!: number;
  /** cases ÷ the topic's volume, 0–1. */
  @IsNumber() @Min(0) @Max(1) share!: number;
  /** share ÷ the segment's share of all cases in the window: 1.5 = 1.5× its weight. */
  @IsNumber() @Min(0) lift!: number;
}

/** A channel the topic's cases came in on. */
export class ContentTopicChannel {
  /** `chat`, `email`, `phone`… */
  @IsString() @IsNotEmpty() @MaxLength(100) channel!: string;
  /** The topic's cases on it in the current window. */
  @IsInt() @Min(0) cases!: number;
}

/** The emerging-term test: the term's rate among unclassified and low-confidence cases, now against before. */
export class ContentTopicSignificance {
  /** Always `G2`: Dunning's log-likelihood ratio of the 2 × 2 table (window × with or without the term). */
  @IsIn(['G2']) test!: 'G2';
  /** G² ≥ 0: above 3.84 p < 0.05, above 10.83 p < 0.001 (χ², one degree of freedom). */
  @IsNumber() @Min(0) g2!: number;
  /** The current rate ÷ the (smoothed) previous rate: 3 = three times as frequent. */
  @IsNumber() @Min(0) lift!: number;
  /** Share of the current window's unclassified and low-confidence cases that contain the term, 0–1. */
  @IsNumber() @Min(0) @Max(1) currentRate!: number;
  /** The same share in the previous window (smoothed), 0–1. */
  @IsNumber() @Min(0) @Max(1) previousRate!: number;
}

/**
 * A change of one content topic: `marketing.insights.content-topics.v1`, keyed by the topic key
 * (`issue:<code>`, `term:<term>`). Says why: the figures of the current and previous windows, the
 * thresholds they crossed (`because`), the segments most affected and example phrasings. `sequence`
 * counts the topic's changes from 1, so a consumer can drop a repeat (same sequence, same event id)
 * and notice a gap.
 */
export class ContentTopicInsight {
  /** The topic key: `issue:<issue code>` or `term:<term>`; the Kafka key and CloudEvents subject. */
  @IsString() @IsNotEmpty() @MaxLength(300) key!: string;
  /** What the topic is about. */
  @IsIn(CONTENT_TOPIC_KINDS) kind!: ContentTopicKind;
  /** The issue code, for an `issue_code` topic. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) issueCode?: string;
  /** The term (a word or a pair of words, masked, lower case), for a `term` topic. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) term?: string;
  /** Raised, updated or cleared. */
  @IsIn(CONTENT_TOPIC_CHANGES) change!: ContentTopicChange;
  /** Why the change, in words: each figure and the threshold it was held to. */
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(300, { each: true }) because!: string[];

  /** 0–100: volume, growth and how-to share mixed (the parts in `scoreParts`). */
  @IsNumber() @Min(0) @Max(100) score!: number;
  /** The points of each part of the score. */
  @IsObject() @ValidateNested() @Type(() => ContentTopicScoreParts) scoreParts!: ContentTopicScoreParts;
  /** Rank by score among every issue code with cases in the window (1 = first); absent for a term. */
  @IsOptional() @IsInt() @Min(1) rank?: number;

  /** The current window: the days counted, ending with the day of `at`. */
  @IsObject() @ValidateNested() @Type(() => ContentTopicWindow) window!: ContentTopicWindow;
  /** The window as long right before it, which growth is measured against. */
  @IsObject() @ValidateNested() @Type(() => ContentTopicWindow) previousWindow!: ContentTopicWindow;
  /** Cases of the topic opened in the current window. */
  @IsInt() @Min(0) volume!: number;
  /** Cases of the topic opened in the previous window. */
  @IsInt() @Min(0) previousVolume!: number;
  /** (volume − previousVolume) ÷ previousVolume: 2 = tripled; absent when the previous window had none (a new topic). */
  @IsOptional() @IsNumber() @Min(-1) growth?: number;
  /** Cases of the current window whose code is a how-to question (a misunderstanding of the product). */
  @IsInt() @Min(0) howToCases!: number;
  /** howToCases ÷ volume, 0–1 (0 without cases). */
  @IsNumber() @Min(0) @Max(1) howToShare!: number;
  /** Escalated cases of the current window (issue codes only). */
  @IsOptional() @IsInt() @Min(0) escalatedCases?: number;
  /** Reopened cases of the current window (issue codes only). */
  @IsOptional() @IsInt() @Min(0) reopenedCases?: number;
  /** Cases of the current window in a negative tone (issue codes only). */
  @IsOptional() @IsInt() @Min(0) negativeToneCases?: number;
  /** The emerging-term test (terms only). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContentTopicSignificance)
  significance?: ContentTopicSignificance;

  /** The kind of the issue code (the taxonomy's), as its recent cases carry it; absent for a term. */
  @IsOptional() @IsIn(ISSUE_KINDS) issueKind?: IssueKind;
  /** The content the topic calls for. */
  @IsIn(SUGGESTED_CONTENT_KINDS) suggestedContentKind!: SuggestedContentKind;
  /** Why that content, in words. */
  @IsString() @IsNotEmpty() @MaxLength(300) contentKindReason!: string;
  /** The segments most over-represented among the topic's cases (highest lift first). */
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContentTopicSegment)
  topSegments!: ContentTopicSegment[];
  /** The channels the topic's cases came in on, most first. */
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContentTopicChannel)
  channels!: ContentTopicChannel[];
  /** How customers put it: recent phrasings of the current window, personal data masked by the classifier. */
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(300, { each: true }) examples!: string[];

  /** The version of the insight settings whose windows and thresholds decided the change (0: the defaults). */
  @IsInt() @Min(0) settingsVersion!: number;
  /** The event time of the facts the figures were computed from (the end of the current window). */
  @IsTimestamp() at!: string;
  /** The topic's changes counted from 1. */
  @IsInt() @Min(1) sequence!: number;
}

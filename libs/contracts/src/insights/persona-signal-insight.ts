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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SEGMENT_ATTRIBUTES } from '../customers/customer';
import { IsListedSegmentPair } from '../validation/is-listed-segment-pair';
import { IsTimestamp } from '../validation/is-timestamp';

export const PERSONA_SIGNAL_CHANGES = ['raised', 'updated', 'cleared'] as const;
/** What happened to the signal: a consumer keeps its own list of open signals from these alone. */
export type PersonaSignalChange = (typeof PERSONA_SIGNAL_CHANGES)[number];

export const PERSONA_SEGMENT_ATTRIBUTES = SEGMENT_ATTRIBUTES;
export const PERSONA_SIGNAL_DIMENSIONS = ['issue', 'channel', 'satisfaction'] as const;
export const PERSONA_SIGNAL_COMPARISONS = ['base', 'past'] as const;
export const PERSONA_SIGNAL_TESTS = ['two-proportion-z', 'fisher-exact', 'nps-difference-z'] as const;
export const PERSONA_SIGNAL_CORRECTIONS = ['benjamini-hochberg', 'holm'] as const;
export const PERSONA_SIGNAL_DIRECTIONS = ['higher', 'lower'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One customer attribute's value. */
export class PersonaSegmentCondition {
  /** The customer attribute: industry, plan, region, companySize or role. */
  @IsIn(PERSONA_SEGMENT_ATTRIBUTES) attribute!: string;
  /** Its value, as the help desk sends it (`retail`, `enterprise`, `51-200`…). */
  @IsString() @IsNotEmpty() @MaxLength(100) value!: string;
}

/**
 * A segment: the customers with one attribute's value (industry = retail) and, when `and` is
 * present, also a second attribute's value (industry = retail and companySize = 51-200: "mid-market
 * retail"). Pairs are those of `SEGMENT_PAIRS`; a consumer that reads only `attribute` and `value`
 * must check `and` first, or it would take a pair's signal for the whole of the first attribute's value.
 */
export class PersonaSegment extends PersonaSegmentCondition {
  /** The pair's second attribute and value; absent for a segment of one attribute. */
  @IsOptional()
  @IsObject()
  @IsListedSegmentPair()
  @ValidateNested()
  @Type(() => PersonaSegmentCondition)
  and?: PersonaSegmentCondition;
}

/** A run of whole UTC days. */
export class PersonaSignalWindow {
  /** First day, inclusive (`YYYY-MM-DD`). */
  @Matches(DAY) start!: string;
  /** Day after the last, exclusive (`YYYY-MM-DD`). */
  @Matches(DAY) end!: string;
}

/**
 * One side of a comparison: for a share, `count` of `total` (cases with the issue code or channel,
 * or satisfied CSAT answers); for NPS, the answers by category and the NPS.
 */
export class PersonaSignalSide {
  /** Cases (issue, channel) or answers (CSAT, NPS) on this side. */
  @IsInt() @Min(0) total!: number;
  /** Cases with the item, or satisfied CSAT answers; absent for NPS. */
  @IsOptional() @IsInt() @Min(0) count?: number;
  /** count ÷ total, 0…1; absent for NPS. */
  @IsOptional() @IsNumber() @Min(0) @Max(1) share?: number;
  /** NPS answers 9–10. */
  @IsOptional() @IsInt() @Min(0) promoters?: number;
  /** NPS answers 7–8. */
  @IsOptional() @IsInt() @Min(0) passives?: number;
  /** NPS answers 0–6. */
  @IsOptional() @IsInt() @Min(0) detractors?: number;
  /** %promoters − %detractors, −100…100. */
  @IsOptional() @IsNumber() @Min(-100) @Max(100) nps?: number;
}

/** A confidence interval of a difference, in the difference's points. */
export class PersonaSignalInterval {
  /** Lower bound. */
  @IsNumber() low!: number;
  /** Upper bound. */
  @IsNumber() high!: number;
  /** Two-sided confidence level, e.g. 0.95. */
  @IsNumber() @Min(0) @Max(1) level!: number;
}

/**
 * The evidence of one comparison: the test, its p-value before and after the correction for the
 * segment's many comparisons, the effect sizes and the counts on both sides.
 */
export class PersonaSignalComparison {
  /** `base`: the segment against the rest of the base (everyone else) in the window; `past`: against itself in the previous window. */
  @IsIn(PERSONA_SIGNAL_COMPARISONS) against!: string;
  /** Two-proportion z-test (pooled), Fisher's exact test (small expected counts), or the z-test of a difference of NPS. */
  @IsIn(PERSONA_SIGNAL_TESTS) test!: string;
  /** The z statistic; absent for Fisher's exact test. */
  @IsOptional() @IsNumber() statistic?: number;
  /** Two-sided p-value, before the correction. */
  @IsNumber() @Min(0) @Max(1) pValue!: number;
  /** The p-value after the correction over the segment's comparisons (see `correction`, `familySize`). */
  @IsNumber() @Min(0) @Max(1) adjustedPValue!: number;

  /** The segment in the window. */
  @IsObject() @ValidateNested() @Type(() => PersonaSignalSide) segment!: PersonaSignalSide;
  /** The rest of the base in the window (`base`), or the segment in the previous window (`past`). */
  @IsObject() @ValidateNested() @Type(() => PersonaSignalSide) reference!: PersonaSignalSide;

  /** Segment share ÷ reference share: the lift (`base`) or 1 + the relative change (`past`); absent for NPS and when the reference share is 0. */
  @IsOptional() @IsNumber() @Min(0) ratio?: number;
  /** Segment − reference, in percentage points (shares) or NPS points. */
  @IsNumber() differencePoints!: number;
  /** Confidence interval of the difference: Newcombe's hybrid score interval for shares, Wald for NPS. */
  @IsObject() @ValidateNested() @Type(() => PersonaSignalInterval) differenceInterval!: PersonaSignalInterval;
  /** Cohen's h of the two shares (0.2 small, 0.5 medium, 0.8 large); absent for NPS. */
  @IsOptional() @IsNumber() cohensH?: number;
  /** Cohen's d of the per-answer NPS scores (+1, 0, −1); absent for shares. */
  @IsOptional() @IsNumber() cohensD?: number;
  /** Whether the segment is above or below the reference. */
  @IsIn(PERSONA_SIGNAL_DIRECTIONS) direction!: string;
  /** Whether this comparison carries the signal after this change (none does once cleared). */
  @IsBoolean() carries!: boolean;
}

/**
 * A change of one persona signal: `marketing.insights.persona-signals.v1`, keyed by `key`
 * (`<attribute>=<value>|<dimension>|<item>`). A segment whose issue mix, channel use or satisfaction
 * departs from the rest of the base or from its own previous window by a statistically meaningful
 * margin. `sequence` counts the key's changes from 1, so a consumer can drop a repeat and notice a gap.
 */
export class PersonaSignalInsight {
  /** `industry=retail|issue|billing.bulk_import`: the signal's identity and the Kafka key. */
  @IsString() @IsNotEmpty() @MaxLength(400) key!: string;
  /** Raised, updated or cleared. */
  @IsIn(PERSONA_SIGNAL_CHANGES) change!: PersonaSignalChange;
  /** The key's changes counted from 1. */
  @IsInt() @Min(1) sequence!: number;

  /** The segment the signal is about. */
  @IsObject() @ValidateNested() @Type(() => PersonaSegment) segment!: PersonaSegment;
  /** What departs: the issue mix, the channel use or satisfaction. */
  @IsIn(PERSONA_SIGNAL_DIMENSIONS) dimension!: string;
  /** The issue code, the channel, or `csat` / `nps`. */
  @IsString() @IsNotEmpty() @MaxLength(200) item!: string;
  /** The comparison the signal leads with: `base` when it carries the signal, else `past` (the last one for a clear). */
  @IsIn(PERSONA_SIGNAL_COMPARISONS) headline!: string;
  /** Above or below the reference, in the headline comparison. */
  @IsIn(PERSONA_SIGNAL_DIRECTIONS) direction!: string;
  /** The signal in words, e.g. "retail (industry) asks 3.1× more about bulk_import than the rest of the base (…), up 80% month on month". */
  @IsString() @IsNotEmpty() @MaxLength(1000) sentence!: string;
  /** −log₁₀ of the smallest adjusted p-value among the carrying comparisons (0 once cleared), capped at 100. */
  @IsNumber() @Min(0) @Max(100) score!: number;

  /** The window the segment was measured in. */
  @IsObject() @ValidateNested() @Type(() => PersonaSignalWindow) window!: PersonaSignalWindow;
  /** The window before it, as long: the `past` reference. */
  @IsObject() @ValidateNested() @Type(() => PersonaSignalWindow) previousWindow!: PersonaSignalWindow;

  /** The comparisons that could be tested (none when a clear is for lack of cases). */
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => PersonaSignalComparison)
  comparisons!: PersonaSignalComparison[];

  /** The multiple-comparison correction applied to the segment's p-values. */
  @IsIn(PERSONA_SIGNAL_CORRECTIONS) correction!: string;
  /** How many comparisons of the segment the correction was over. */
  @IsInt() @Min(0) familySize!: number;
  /** Adjusted p-value a comparison must be below to raise a signal. */
  @IsNumber() @Min(0) @Max(1) alpha!: number;

  /** The event time of the facts the evaluation was made at (the end of the window): never the wall clock. */
  @IsTimestamp() at!: string;
  /** The insight settings version that decided this (0: the code's defaults); optional for older events. */
  @IsOptional() @IsInt() @Min(0) settingsVersion?: number;
}

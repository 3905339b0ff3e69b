import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsTimestamp } from '../validation/is-timestamp';

export const CHURN_RISK_CHANGES = ['raised', 'updated', 'cleared'] as const;
/** What happened to the customer's churn-risk insight: a consumer keeps its own state from these alone. */
export type ChurnRiskChange = (typeof CHURN_RISK_CHANGES)[number];

/** One reason for the score: the signal, the points it added (before value weighting) and the evidence. */
export class ChurnRiskReason {
  @IsString() @IsNotEmpty() @MaxLength(100) signal!: string;
  @IsNumber() @Min(0) @Max(100) points!: number;
  @IsString() @MaxLength(500) detail!: string;
}

/**
 * A change of one customer's churn-risk insight: `marketing.insights.churn-risk.v1`, keyed by customer.
 * `sequence` counts the customer's changes from 1, so a consumer can drop a repeat (same sequence,
 * same event id) and notice a gap.
 */
export class ChurnRiskInsight {
  @IsString() @IsNotEmpty() @MaxLength(200) customerId!: string;
  @IsIn(CHURN_RISK_CHANGES) change!: ChurnRiskChange;
  /** 0–100: Σ reason points × value factor, capped. */
  @IsInt() @Min(0) @Max(100) score!: number;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChurnRiskReason)
  reasons!: ChurnRiskReason[];

  @IsOptional() @IsString() @MaxLength(500) suggestedAction?: string;
  @IsOptional() @IsNumber() @Min(0) lifetimeValue?: number;
  /** The time of the customer's latest fact the score was computed from. */
  @IsTimestamp() at!: string;
  @IsInt() @Min(1) sequence!: number;
  /** The insight settings version that decided this (0: the code's defaults); optional for older events. */
  @IsOptional() @IsInt() @Min(0) settingsVersion?: number;
}

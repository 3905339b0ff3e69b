import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TopicRatings } from '../surveys/topic-ratings';
import { BenchmarkComparison, ServqualScore } from './servqual-score';

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
/** Promoter 9–10, passive 7–8, detractor 0–6. */
export type NpsCategory = (typeof NPS_CATEGORIES)[number];

export const SATISFACTION_INDEX_COMPONENTS = ['csat', 'overallExperience', 'servqual'] as const;
export type SatisfactionIndexComponent = (typeof SATISFACTION_INDEX_COMPONENTS)[number];

/** Everything scored from one response. Only what was answered is present: absent never means zero. */
export class SurveyScores {
  @IsOptional() @IsInt() @Min(1) @Max(5) csat?: number;
  /** Top-2-box: a CSAT of 4 or 5 counts as satisfied. */
  @IsOptional() @IsBoolean() csatSatisfied?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(10) nps?: number;
  @IsOptional() @IsIn(NPS_CATEGORIES) npsCategory?: NpsCategory;
  @IsOptional() @IsInt() @Min(1) @Max(7) ces?: number;
  /** CES of 5–7: the customer agrees it was easy. */
  @IsOptional() @IsBoolean() cesLowEffort?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(10) buyAgain?: number;

  /** The topic ratings answered, 1–5. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TopicRatings) ratings?: TopicRatings;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualScore) servqual?: ServqualScore;

  /** 0–100, on the ACSI scale: the mean of the components answered (see docs/scoring.md). */
  @IsOptional() @IsNumber() @Min(0) @Max(100) satisfactionIndex?: number;
  @IsOptional()
  @IsArray()
  @IsIn(SATISFACTION_INDEX_COMPONENTS, { each: true })
  satisfactionIndexComponents?: SatisfactionIndexComponent[];

  /** The customer's industry, when the comparison with its benchmark was made. */
  @IsOptional() @IsString() @MaxLength(100) benchmarkIndustry?: string;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BenchmarkComparison)
  benchmark?: BenchmarkComparison;
}

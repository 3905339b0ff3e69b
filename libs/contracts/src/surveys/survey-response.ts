import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, Channel } from '../cases/support-case';
import { Customer, CustomerConsent } from '../customers/customer';
import { IsTimestamp } from '../validation/is-timestamp';

export const SURVEY_KINDS = ['transactional', 'image'] as const;
/** Transactional: one interaction (call, chat, email...). Image: the brand as a whole. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const SERVQUAL_DIMENSIONS = [
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
  'tangibles',
] as const;
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** One SERVQUAL dimension on a 1–7 scale: what the customer expected and what they perceived. */
export class ServqualRating {
  @IsInt() @Min(1) @Max(7) expectation!: number;
  @IsInt() @Min(1) @Max(7) perception!: number;
}

export class ServqualAnswers {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) reliability?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) responsiveness?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) assurance?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) empathy?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) tangibles?: ServqualRating;
}

export class SurveyResponse {
  @IsString() @IsNotEmpty() @MaxLength(200) responseId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Customer)
  customer!: Customer;

  @IsIn(SURVEY_KINDS) kind!: SurveyKind;
  /** The case a transactional survey is about, when there is one. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) caseId?: string;
  @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @IsTimestamp() respondedAt!: string;
  /** When the survey tool last changed the response (a corrected answer); orders versions. */
  @IsOptional() @IsTimestamp() updatedAt?: string;

  /** Customer satisfaction, 1–5. */
  @IsOptional() @IsInt() @Min(1) @Max(5) csat?: number;
  /** Likelihood to recommend, 0–10. */
  @IsOptional() @IsInt() @Min(0) @Max(10) nps?: number;
  /** Customer effort, 1–7. */
  @IsOptional() @IsInt() @Min(1) @Max(7) ces?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServqualAnswers)
  servqual?: ServqualAnswers;

  @IsOptional() @IsString() @MaxLength(10_000) comment?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerConsent)
  consent?: CustomerConsent;
}

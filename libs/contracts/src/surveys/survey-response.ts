import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { AnswersAtLeastOneOf } from '../validation/answers-something';
import { IsTimestamp } from '../validation/is-timestamp';
import { SumsTo } from '../validation/sums-to';
import { ServqualAnswers, ServqualImportance, ServqualItem } from './servqual';
import { TopicRatings } from './topic-ratings';

export const SURVEY_KINDS = ['transactional', 'image'] as const;
/** Transactional: one interaction (call, chat, email...). Image: the brand as a whole. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const INTERACTION_TYPES = [
  'call',
  'chat',
  'email',
  'invoice',
  'product_use',
  'sales_contact',
  'other',
] as const;
/** What a transactional survey is about. */
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/** The answers that can be scored; a response must carry at least one. */
export const SCORED_ANSWERS = [
  'csat',
  'nps',
  'ces',
  'buyAgain',
  'ratings',
  'servqual',
  'servqualItems',
] as const;

export class SurveyResponse {
  @IsString() @IsNotEmpty() @MaxLength(200) responseId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Customer)
  customer!: Customer;

  @IsIn(SURVEY_KINDS) @AnswersAtLeastOneOf(SCORED_ANSWERS) kind!: SurveyKind;
  /** The interaction a transactional survey rates (a chat rating is a CSAT with interaction `chat`). */
  @IsOptional() @IsIn(INTERACTION_TYPES) interaction?: InteractionType;
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
  /** Customer effort, 1–7: "the company made it easy to handle my issue", 7 = strongly agree. */
  @IsOptional() @IsInt() @Min(1) @Max(7) ces?: number;
  /** Likelihood to buy again, 0–10 (image surveys). */
  @IsOptional() @IsInt() @Min(0) @Max(10) buyAgain?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TopicRatings)
  ratings?: TopicRatings;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServqualAnswers)
  servqual?: ServqualAnswers;

  /** The long form: several items per dimension, averaged per dimension (with `servqual`, if both). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ServqualItem)
  servqualItems?: ServqualItem[];

  /** The customer's own 100-point importance allocation; wins over the configured weights. */
  @IsOptional()
  @IsObject()
  @SumsTo(100)
  @ValidateNested()
  @Type(() => ServqualImportance)
  importance?: ServqualImportance;

  @IsOptional() @IsString() @MaxLength(10_000) comment?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerConsent)
  consent?: CustomerConsent;
}

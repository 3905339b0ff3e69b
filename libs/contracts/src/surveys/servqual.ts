import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

/** Berry & Parasuraman's five determinants of service quality. */
export const SERVQUAL_DIMENSIONS = [
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
  'tangibles',
] as const;
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** One SERVQUAL answer on a 1–7 scale: what the customer expected and what they perceived. */
export class ServqualRating {
  @IsInt() @Min(1) @Max(7) expectation!: number;
  @IsInt() @Min(1) @Max(7) perception!: number;
}

/** One rating per dimension (the short form of the questionnaire). */
export class ServqualAnswers {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) reliability?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) responsiveness?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) assurance?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) empathy?: ServqualRating;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ServqualRating) tangibles?: ServqualRating;
}

/** One item of the long form, where a dimension has several questions; items are averaged per dimension. */
export class ServqualItem {
  @IsIn(SERVQUAL_DIMENSIONS) dimension!: ServqualDimension;
  @IsInt() @Min(1) @Max(7) expectation!: number;
  @IsInt() @Min(1) @Max(7) perception!: number;
}

/**
 * The customer's own importance allocation: 100 points over the dimensions. When a response carries
 * one, it wins over the configured weights for that response.
 */
export class ServqualImportance {
  @IsOptional() @IsInt() @Min(0) @Max(100) reliability?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) responsiveness?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) assurance?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) empathy?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) tangibles?: number;
}

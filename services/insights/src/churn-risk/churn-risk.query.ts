import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `GET /v1/insights/churn-risk?minScore=&segment.industry=&limit=&cursor=`: open insights, highest score first. */
export class ChurnRiskQuery {
  /** Default 0: every open insight. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100) minScore?: number;
  /** Default 50. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(500) @Matches(/^[A-Za-z0-9_-]+$/) cursor?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimestampOrDate } from './is-timestamp-or-date';
import { DIGEST_PERIODS, DigestPeriodKind } from './domain/digest-period';

/** `GET /v1/digest?period=week&at=2026-11-23&limit=5`. */
export class DigestQuery {
  @ApiPropertyOptional({ enum: DIGEST_PERIODS, default: 'week', description: 'ISO week or calendar month.' })
  @IsOptional()
  @IsIn(DIGEST_PERIODS)
  period?: DigestPeriodKind;

  @ApiPropertyOptional({
    description:
      'Any day in the wanted period (`YYYY-MM-DD` or a timestamp). Default: the day the latest case was ' +
      'opened, so the digest follows the data rather than the wall clock.',
    example: '2026-11-23',
  })
  @IsOptional()
  @IsTimestampOrDate()
  at?: string;

  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 50, description: 'Items per section.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Channel, CHANNELS, IsTimestamp } from '@supportlens/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  SERVICE_GROUPINGS,
  SERVICE_PERIODS,
  ServiceGrouping,
  ServicePeriod,
} from './domain/service-groupings';

const SEGMENT = (attribute: string) => ({
  description: `Only cases whose customer's segment ${attribute} is this value.`,
  maxLength: 100,
});

/** The filters both service-metrics endpoints take: cases opened in `[from, to)` and equal to each filter. */
export class ServiceFilterQuery {
  @ApiPropertyOptional({
    description:
      'Cases opened at or after this instant (RFC 3339 with an offset). Default: 30 days before `to`.',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Cases opened before this instant (RFC 3339 with an offset). Default: now.',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only cases on this channel.' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    description: 'Only cases with this issue code (`unclassified` included).',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issueCode?: string;

  @ApiPropertyOptional({ description: 'Only cases handled by this agent id.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agent?: string;

  @ApiPropertyOptional(SEGMENT('industry'))
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.industry'?: string;

  @ApiPropertyOptional(SEGMENT('plan'))
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.plan'?: string;

  @ApiPropertyOptional(SEGMENT('region'))
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.region'?: string;

  @ApiPropertyOptional(SEGMENT('companySize'))
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.companySize'?: string;

  @ApiPropertyOptional(SEGMENT('role'))
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.role'?: string;
}

/** `groupBy=channel,issueCode` and `groupBy=channel&groupBy=issueCode` mean the same. */
function toList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((part) => part.trim());
  if (Array.isArray(value))
    return value.flatMap((part) => (typeof part === 'string' ? toList(part) : [part]));
  return value;
}

/** `GET /v1/metrics/service`: every service metric per group (see docs/metrics.md). */
export class ServiceMetricsQuery extends ServiceFilterQuery {
  @ApiPropertyOptional({
    enum: SERVICE_PERIODS,
    description:
      'Length of the `period` dimension: a UTC day, an ISO week (Monday to Sunday, UTC) or a calendar month (UTC). Default `day`.',
  })
  @IsOptional()
  @IsIn(SERVICE_PERIODS)
  period?: ServicePeriod;

  @ApiPropertyOptional({
    enum: SERVICE_GROUPINGS,
    isArray: true,
    description:
      'One or two dimensions, comma-separated or repeated (`groupBy=period,channel`). `day`, `week`, `month` are short for `period` of that length. Default `period`.',
  })
  @IsOptional()
  @Transform(({ value }) => toList(value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(SERVICE_GROUPINGS, { each: true })
  groupBy?: ServiceGrouping[];
}

/** `GET /v1/metrics/service/cases`: the row export, one row per case, oldest first. */
export class ServiceCasesQuery extends ServiceFilterQuery {
  @ApiPropertyOptional({
    description:
      'Cases per page, 1–1000. JSON: default 100. CSV: without `limit` the whole range is streamed; with it, one page (next cursor in `X-Next-Cursor`).',
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` (or `X-Next-Cursor`) of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

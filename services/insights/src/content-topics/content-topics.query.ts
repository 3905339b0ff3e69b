import { PageCursor, PageLimit } from '../http/page-parameters';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '@supportlens/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TOPIC_KINDS, TopicKind } from './domain/topic-key';
import {
  TOPIC_PERIODS,
  TOPIC_SORTS,
  TOPIC_STATUS_FILTERS,
  TopicPeriod,
  TopicSort,
  TopicStatusFilter,
} from './domain/topic-listing';

const SEGMENT = (attribute: string) => ({
  name: `segment.${attribute}`,
  description: `Rank the issue codes within the customers whose ${attribute} is this (at most one segment.* filter; term topics are not split by segment).`,
  maxLength: 100,
});

/**
 * `GET /v1/insights/content-topics`: the issue codes and emerging terms of a period, with their
 * figures against the period before, score, status and evidence; sorted, filtered, keyset-paginated.
 */
export class ContentTopicsQuery {
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

  @ApiPropertyOptional({
    enum: TOPIC_PERIODS,
    description:
      'The window: this many whole UTC days ending with the day before `to` (rounded up), or with the day of the ' +
      'latest evaluation of the detector without `to`. Default: the detector window (7 days). Not with `from`.',
  })
  @IsOptional()
  @IsIn(TOPIC_PERIODS)
  period?: TopicPeriod;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Start of a custom window (RFC 3339 with offset), rounded down to its UTC day. Not with `period`.',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'End of the window, exclusive, rounded up to a UTC day boundary.',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ description: 'Only this issue code.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issueCode?: string;

  @ApiPropertyOptional({ enum: TOPIC_KINDS, description: 'Only issue codes, or only emerging terms.' })
  @IsOptional()
  @IsIn(TOPIC_KINDS)
  kind?: TopicKind;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'Only topics scoring at least this (0–100). Default 0.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  minScore?: number;

  @ApiPropertyOptional({
    enum: TOPIC_STATUS_FILTERS,
    description: '`open`: only topics with an open insight; `all` (default): every topic of the period.',
  })
  @IsOptional()
  @IsIn(TOPIC_STATUS_FILTERS)
  status?: TopicStatusFilter;

  @ApiPropertyOptional({
    enum: TOPIC_SORTS,
    description: 'Descending; default `score`. By growth, new topics (no previous cases) come first.',
  })
  @IsOptional()
  @IsIn(TOPIC_SORTS)
  sort?: TopicSort;

  @PageLimit(500)
  limit?: number;

  @PageCursor('`nextCursor` of the previous page (same filters and sort).')
  cursor?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Channel, CHANNELS, IsTimestamp, RATING_TOPICS, RatingTopic } from '@supportlens/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PERIOD_LABEL } from './domain/driver-range';
import { DRIVER_KINDS, DRIVER_SORTS, DriverKind, DriverSort } from './domain/satisfaction-drivers';

const SEGMENT = (attribute: string) =>
  ApiPropertyOptional({
    name: `segment.${attribute}`,
    description: `Only responses of customers whose segment ${attribute} is this. One segment attribute or channel at a time.`,
    maxLength: 100,
  });

/**
 * `GET /v1/metrics/drivers`: how much each issue code and each topic-rating bucket moves CSAT and NPS,
 * with and without it, tested and ranked. See services/insights/docs/satisfaction-drivers.md.
 */
export class SatisfactionDriversQuery {
  @ApiPropertyOptional({
    description: 'A UTC day (2031-03-04), ISO week (2031-W10) or month (2031-03). Not with from/to.',
    example: '2031-03',
  })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_LABEL, { message: 'period must be YYYY-MM-DD, YYYY-Www or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({
    description:
      'Inclusive, RFC 3339 with an offset, rounded down to its UTC day. Default: the settings’ defaultRangeDays before to.',
    example: '2031-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Exclusive, RFC 3339 with an offset, rounded up to a UTC day boundary. Default: now.',
    example: '2031-04-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @SEGMENT('industry') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.industry'?: string;
  @SEGMENT('plan') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.plan'?: string;
  @SEGMENT('region') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.region'?: string;
  @SEGMENT('companySize')
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.companySize'?: string;
  @SEGMENT('role') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.role'?: string;

  @ApiPropertyOptional({
    enum: CHANNELS,
    description: 'Only responses given on this channel. One segment attribute or channel at a time.',
  })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: DRIVER_KINDS, description: 'Only issue-code or only topic-rating drivers.' })
  @IsOptional()
  @IsIn(DRIVER_KINDS)
  kind?: DriverKind;

  @ApiPropertyOptional({ description: 'Only the driver of this issue code.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issueCode?: string;

  @ApiPropertyOptional({ enum: RATING_TOPICS, description: 'Only the drivers of this rating topic.' })
  @IsOptional()
  @IsIn(RATING_TOPICS)
  topic?: RatingTopic;

  @ApiPropertyOptional({
    description:
      'Themes with fewer responses are not listed, and a side with fewer answers of a metric is not tested. Default: the settings’ minResponsesPerSide (30).',
    minimum: 1,
    maximum: 1_000_000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minResponses?: number;

  @ApiPropertyOptional({
    enum: DRIVER_SORTS,
    description:
      'impact (default): largest |CSAT or NPS impact| first; csat / nps: largest |impact| of that metric first; p: smallest adjusted p-value first.',
  })
  @IsOptional()
  @IsIn(DRIVER_SORTS)
  sort?: DriverSort;

  @ApiPropertyOptional({ description: 'Page size, default 50.', minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` (or `X-Next-Cursor`) of the previous page, same sort.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

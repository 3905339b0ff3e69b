import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '@supportlens/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { SATISFACTION_PERIODS, SatisfactionPeriod } from './domain/report-periods';
import { SATISFACTION_GROUPINGS, SatisfactionGrouping } from './domain/satisfaction-groupings';

/** `GET /v1/metrics/satisfaction?from=&to=&period=&groupBy=`: responses given in [from, to), by UTC day. */
export class SatisfactionMetricsQuery {
  /** Inclusive, rounded down to its UTC day; defaults to 30 days before `to`. */
  @ApiPropertyOptional({
    description:
      'Start of the range, inclusive, RFC 3339 with an offset; rounded down to its UTC day. Default: 30 days before `to`.',
    example: '2031-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  /** Exclusive, rounded up to a UTC day boundary; defaults to now. */
  @ApiPropertyOptional({
    description:
      'End of the range, exclusive, RFC 3339 with an offset; rounded up to a UTC day boundary. Default: now. The range may be at most 3,660 days.',
    example: '2031-04-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  /** Default `day`. A week is an ISO week (Monday to Sunday, UTC). */
  @ApiPropertyOptional({
    enum: SATISFACTION_PERIODS,
    description:
      'One row per UTC day, ISO week (Monday to Sunday) or calendar month; a period only partly inside the range is cut at its edge. Default `day`.',
  })
  @IsOptional()
  @IsIn(SATISFACTION_PERIODS)
  period?: SatisfactionPeriod;

  /** Default `none` (one group, `all`). */
  @ApiPropertyOptional({
    enum: SATISFACTION_GROUPINGS,
    description:
      'Break each period down by a segment attribute, the channel, the agent, the issue code or a topic rating (`rating.<topic>`: low, mid, high). Default `none`: one group, `all`.',
  })
  @IsOptional()
  @IsIn(SATISFACTION_GROUPINGS)
  groupBy?: SatisfactionGrouping;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '@supportlens/contracts';
import { ToInt } from '@supportlens/platform';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { WINDOW_PATTERN } from './domain/rolling-window';

/** `GET /v1/emerging-topics?window=7d&minCases=3&to=`. */
export class EmergingTopicsQuery {
  /** Days (`7d`) or hours (`48h`), at most 90 days; default `7d`. */
  @ApiPropertyOptional({
    description:
      'The window: a number of days (`7d`) or hours (`48h`), at most 90 days. It is compared with the window before it. Default `7d`.',
    pattern: WINDOW_PATTERN.source,
    example: '7d',
  })
  @IsOptional()
  @Matches(WINDOW_PATTERN, { message: '$property must be a number of days or hours, e.g. 7d or 48h' })
  window?: string;

  /** The smallest group reported; default 3. */
  @ApiPropertyOptional({
    description: 'The fewest low-confidence cases a candidate topic needs to be reported. Default 3.',
    type: 'integer',
    minimum: 2,
    maximum: 1000,
    example: 3,
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(2)
  @Max(1000)
  minCases?: number;

  /** End of the window (exclusive); default now. */
  @ApiPropertyOptional({
    description: 'End of the window, exclusive, RFC 3339 with an offset. Default now.',
    example: '2031-03-08T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

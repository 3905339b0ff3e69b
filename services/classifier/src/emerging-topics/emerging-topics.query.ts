import { IsTimestamp } from '@supportlens/contracts';
import { ToInt } from '@supportlens/platform';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { WINDOW_PATTERN } from './domain/rolling-window';

/** `GET /v1/emerging-topics?window=7d&minCases=3&to=`. */
export class EmergingTopicsQuery {
  /** Days (`7d`) or hours (`48h`), at most 90 days; default `7d`. */
  @IsOptional()
  @Matches(WINDOW_PATTERN, { message: '$property must be a number of days or hours, e.g. 7d or 48h' })
  window?: string;

  /** The smallest group reported; default 3. */
  @IsOptional() @ToInt() @IsInt() @Min(2) @Max(1000) minCases?: number;

  /** End of the window (exclusive); default now. */
  @IsOptional() @IsTimestamp() to?: string;
}

import { IsTimestamp } from '@supportlens/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { SATISFACTION_PERIODS, SatisfactionPeriod } from './domain/report-periods';
import { SATISFACTION_GROUPINGS, SatisfactionGrouping } from './domain/satisfaction-groupings';

/** `GET /v1/metrics/satisfaction?from=&to=&period=&groupBy=`: responses given in [from, to), by UTC day. */
export class SatisfactionMetricsQuery {
  /** Inclusive, rounded down to its UTC day; defaults to 30 days before `to`. */
  @IsOptional() @IsTimestamp() from?: string;
  /** Exclusive, rounded up to a UTC day boundary; defaults to now. */
  @IsOptional() @IsTimestamp() to?: string;
  /** Default `day`. A week is an ISO week (Monday to Sunday, UTC). */
  @IsOptional() @IsIn(SATISFACTION_PERIODS) period?: SatisfactionPeriod;
  /** Default `none` (one group, `all`). */
  @IsOptional() @IsIn(SATISFACTION_GROUPINGS) groupBy?: SatisfactionGrouping;
}

import { IsTimestamp } from '@supportlens/contracts';
import { IsIn, IsOptional } from 'class-validator';

export const SERVICE_METRICS_GROUPINGS = ['day', 'month', 'channel', 'issueCode'] as const;
export type ServiceMetricsGrouping = (typeof SERVICE_METRICS_GROUPINGS)[number];

/** `GET /v1/metrics/service?from=&to=&groupBy=`: cases opened in [from, to). */
export class ServiceMetricsQuery {
  /** Inclusive; defaults to 30 days before `to`. */
  @IsOptional() @IsTimestamp() from?: string;
  /** Exclusive; defaults to now. */
  @IsOptional() @IsTimestamp() to?: string;
  @IsOptional() @IsIn(SERVICE_METRICS_GROUPINGS) groupBy?: ServiceMetricsGrouping;
}

import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ServiceMetricsQuery } from './service-metrics.query';
import { ServiceMetricsRepository, ServiceMetricsRow } from './service-metrics.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

@Controller('v1/metrics/service')
export class ServiceMetricsController {
  constructor(private readonly repository: ServiceMetricsRepository) {}

  @Get()
  async metrics(
    @Query() query: ServiceMetricsQuery,
  ): Promise<{ from: string; to: string; groupBy: string; rows: ServiceMetricsRow[] }> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new BadRequestException('from must be earlier than to');
    const groupBy = query.groupBy ?? 'day';
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy,
      rows: await this.repository.metrics(from, to, groupBy),
    };
  }
}

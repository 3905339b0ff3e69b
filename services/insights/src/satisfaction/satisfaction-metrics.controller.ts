import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@supportlens/platform';
import { reportDays, reportPeriods, SatisfactionPeriod } from './domain/report-periods';
import { SatisfactionGrouping } from './domain/satisfaction-groupings';
import { satisfactionReport, SatisfactionReportRow } from './domain/satisfaction-report';
import { SatisfactionMetricsQuery } from './satisfaction-metrics.query';
import { SatisfactionMetricsRepository } from './satisfaction-metrics.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Ten years: a longer range is a mistake, not a report. */
export const MAX_REPORT_DAYS = 3660;

export interface SatisfactionReport {
  /** The range actually reported: whole UTC days. */
  from: string;
  to: string;
  period: SatisfactionPeriod;
  groupBy: SatisfactionGrouping;
  rows: SatisfactionReportRow[];
}

/** Satisfaction metrics per period and group, from the daily rollup (see docs/satisfaction-metrics.md). */
@ApiTags('metrics')
@RequiresScope('insights:read')
@Controller('v1/metrics/satisfaction')
export class SatisfactionMetricsController {
  constructor(private readonly repository: SatisfactionMetricsRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Survey satisfaction per period and group',
    description:
      'CSAT, NPS with its confidence interval, effort, the SERVQUAL gaps and level mix, the satisfaction index and the benchmark difference per period and group, each with its trend against the previous window of the same length. Computed from the daily rollup; definitions in services/insights/docs/satisfaction-metrics.md.',
  })
  @ApiOkResponse({
    description:
      'The range actually reported (whole UTC days), the period, the grouping and one row per period and group that had a response.',
  })
  @ApiBadRequestResponse({
    description: 'problem+json: a bad parameter, `from` not before `to`, or a range longer than 3,660 days',
  })
  async metrics(@Query() query: SatisfactionMetricsQuery): Promise<SatisfactionReport> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new BadRequestException('from must be earlier than to');
    const period = query.period ?? 'day';
    const groupBy = query.groupBy ?? 'none';
    if (reportDays(from, to) > MAX_REPORT_DAYS) {
      throw new BadRequestException(`the range is longer than ${MAX_REPORT_DAYS} days: narrow it`);
    }
    const periods = reportPeriods(from, to, period);
    const totals = await this.repository.totals(groupBy, [
      ...periods.map((p) => p.window),
      ...periods.map((p) => p.previous),
    ]);
    return {
      from: `${periods[0].window.start}T00:00:00.000Z`,
      to: `${periods[periods.length - 1].window.end}T00:00:00.000Z`,
      period,
      groupBy,
      rows: satisfactionReport(periods, totals),
    };
  }
}

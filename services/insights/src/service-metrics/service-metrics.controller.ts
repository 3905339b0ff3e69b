import { Controller, Get, Headers, Logger, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { wantsCsv } from '../http/csv';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { ServiceFilter } from './case-measures.sql';
import { BusinessCalendar, businessCalendarProblems } from './domain/business-calendar';
import { GroupingProblem, SEGMENT_ATTRIBUTES, serviceGrouping } from './domain/service-groupings';
import { caseCsvHeader, caseCsvLines, serviceMetricsCsv } from './service-metrics.csv';
import { ServiceCasesQuery, ServiceFilterQuery, ServiceMetricsQuery } from './service-metrics.query';
import { SERVICE_CASES_CONTENT, SERVICE_METRICS_CONTENT } from './service-metrics.openapi';
import { ServiceMetricsRepository } from './service-metrics.repository';
import { ServiceCasesPage, ServiceMetricsReport } from './service-metrics.view';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Ten years, as for satisfaction: a longer table is a mistake, not a report. */
export const MAX_SERVICE_REPORT_DAYS = 3660;
const DEFAULT_CASES_PAGE = 100;

@ApiTags('metrics')
@RequiresScope('insights:read')
@Controller('v1/metrics/service')
export class ServiceMetricsController {
  private readonly logger = new Logger(ServiceMetricsController.name);

  constructor(
    private readonly repository: ServiceMetricsRepository,
    private readonly settings: InsightSettingsProvider,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Service metrics per group',
    description:
      'Case volume, self-service, first response and resolution (calendar and business hours, median and p90), hold, abandonment, missed chats, chat duration, escalations, reopens and cost, per one or two dimensions, with the total. Definitions: docs/metrics.md. `Accept: text/csv` exports the table.',
  })
  @ApiOkResponse({
    description: 'The table: `rows` per group and the `total`.',
    content: SERVICE_METRICS_CONTENT,
  })
  async metrics(
    @Query() query: ServiceMetricsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ServiceMetricsReport | string> {
    const filter = filterOf(query);
    if ((filter.to.getTime() - filter.from.getTime()) / DAY_MS > MAX_SERVICE_REPORT_DAYS) {
      throw problem('from', `the range is longer than ${MAX_SERVICE_REPORT_DAYS} days: narrow it`);
    }
    const grouping = groupingOf(query);
    const { version, calendar } = this.calendar();
    const { rows, total } = await this.repository.table(filter, grouping, calendar);
    if (wantsCsv(accept)) {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return serviceMetricsCsv(grouping.dimensions, rows, total);
    }
    return {
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      groupBy: grouping.dimensions,
      period: grouping.period,
      filters: filtersOf(query),
      businessCalendar: { version, timeZone: calendar.timeZone },
      rows,
      total,
    };
  }

  /**
   * The row export. JSON: one page (`limit`, default 100) with `nextCursor`. CSV: without `limit`, the
   * whole range from `cursor` on, streamed a page at a time (memory stays one page whatever the
   * range); with `limit`, one page and `X-Next-Cursor`.
   */
  @Get('cases')
  @ApiOperation({
    summary: 'One row per case with its metrics, classification and linked survey',
    description:
      'Oldest case first. JSON pages with `limit`/`cursor`; `Accept: text/csv` streams the whole range (or one page when `limit` is given).',
  })
  @ApiOkResponse({ description: '`items` and `nextCursor`, or CSV.', content: SERVICE_CASES_CONTENT })
  async cases(
    @Query() query: ServiceCasesQuery,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const filter = filterOf(query);
    const { version, calendar } = this.calendar();
    const businessCalendar = { version, timeZone: calendar.timeZone };
    if (!wantsCsv(accept)) {
      const page = await this.repository.casesPage(
        filter,
        calendar,
        query.limit ?? DEFAULT_CASES_PAGE,
        query.cursor,
      );
      response.json({ ...page, businessCalendar } satisfies ServiceCasesPage);
      return;
    }
    if (query.limit !== undefined) {
      const page = await this.repository.casesPage(filter, calendar, query.limit, query.cursor);
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
      response.send(caseCsvHeader() + caseCsvLines(page.items));
      return;
    }
    await this.streamCases(filter, calendar, query.cursor, response);
  }

  private async streamCases(
    filter: ServiceFilter,
    calendar: BusinessCalendar,
    cursor: string | undefined,
    response: Response,
  ): Promise<void> {
    const pages = this.repository.allCases(filter, calendar, cursor);
    // The first page is read before anything is sent, so a bad cursor is still a clean 400.
    const first = await pages.next();
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="service-cases.csv"');
    let gone = false;
    response.on('close', () => (gone = true));
    try {
      await write(response, caseCsvHeader() + caseCsvLines(first.done ? [] : first.value));
      for await (const items of pages) {
        if (gone) return;
        await write(response, caseCsvLines(items));
      }
      response.end();
    } catch (error) {
      // Part of the file is out: cut the connection so the client sees a broken download, not a short one.
      this.logger.error(`service cases export failed: ${(error as Error).message}`);
      response.destroy(error as Error);
    } finally {
      await pages.return(undefined);
    }
  }

  /** The business calendar in force, read once per request so one answer uses one calendar. */
  private calendar(): { version: number; calendar: BusinessCalendar } {
    const { version, settings } = this.settings.current;
    const problems = businessCalendarProblems(settings.businessCalendar);
    // The settings API refuses such a calendar; measuring with one would give wrong business hours.
    if (problems.length > 0)
      throw new Error(`the business calendar in force is invalid: ${problems.join('; ')}`);
    return { version, calendar: settings.businessCalendar };
  }
}

/**
 * Writes a chunk and, when the socket's buffer is full, waits for it to drain (or the client to
 * go): a slow client holds the next page back instead of the whole range piling up in memory.
 */
async function write(response: Response, chunk: string): Promise<void> {
  if (response.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

function problem(field: string, message: string): ValidationProblemException {
  return new ValidationProblemException([{ field, message }]);
}

function filterOf(query: ServiceFilterQuery): ServiceFilter {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw problem('from', 'from must be earlier than to');
  return {
    from,
    to,
    channel: query.channel,
    issueCode: query.issueCode,
    agent: query.agent,
    segment: Object.fromEntries(
      SEGMENT_ATTRIBUTES.flatMap((attribute) => {
        const value = query[`segment.${attribute}`];
        return value === undefined ? [] : [[attribute, value]];
      }),
    ),
  };
}

function groupingOf(query: ServiceMetricsQuery) {
  try {
    return serviceGrouping(query.groupBy, query.period);
  } catch (error) {
    if (error instanceof GroupingProblem) throw problem(error.field, error.message);
    throw error;
  }
}

function filtersOf(query: ServiceFilterQuery): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of [
    'channel',
    'issueCode',
    'agent',
    ...SEGMENT_ATTRIBUTES.map((a) => `segment.${a}`),
  ] as const) {
    const value = query[name as keyof ServiceFilterQuery];
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

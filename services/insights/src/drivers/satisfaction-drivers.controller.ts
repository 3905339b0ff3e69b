import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RATING_TOPICS } from '@supportlens/contracts';
import { FieldError, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { wantsCsv } from '../http/csv';
import { MAX_REPORT_DAYS } from '../satisfaction/satisfaction-metrics.controller';
import { SatisfactionMetricsRepository } from '../satisfaction/satisfaction-metrics.repository';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { driverRange } from './domain/driver-range';
import { DriverSlice } from './domain/driver-rollup';
import {
  DRIVER_SORTS,
  DriverPosition,
  driversPage,
  DriverSort,
  SatisfactionDriver,
  satisfactionDrivers,
} from './domain/satisfaction-drivers';
import { SatisfactionDriversQuery } from './satisfaction-drivers.query';
import {
  csatView,
  driversCsv,
  driverView,
  npsView,
  SatisfactionDriversReport,
} from './satisfaction-drivers.view';

const SLICE_FILTERS = [
  'segment.industry',
  'segment.plan',
  'segment.region',
  'segment.companySize',
  'segment.role',
  'channel',
] as const satisfies readonly DriverSlice[];

const THEME_KINDS = ['issueCode', ...RATING_TOPICS.map((topic) => `rating.${topic}`)];

/** Satisfaction drivers from the driver rollup (see services/insights/docs/satisfaction-drivers.md). */
@ApiTags('metrics')
@RequiresScope('insights:read')
@Controller('v1/metrics/drivers')
export class SatisfactionDriversController {
  constructor(
    private readonly repository: SatisfactionMetricsRepository,
    private readonly settings: InsightSettingsProvider,
  ) {}

  /** JSON by default; `Accept: text/csv` exports the page as CSV (next cursor in `X-Next-Cursor`). */
  @Get()
  @ApiOperation({
    summary: 'How much each issue code and topic-rating bucket adds to or removes from CSAT and NPS',
    description:
      'For each theme: CSAT and NPS of the responses with it and of the rest of the slice, the difference ' +
      'in points, its impact on the overall score (points × share), a two-proportion z-test (CSAT) and a ' +
      'Welch z-test (NPS), p-values adjusted across the themes (Benjamini–Hochberg by default). Ranked, ' +
      'cursor-paged; Accept: text/csv exports the page.',
  })
  @ApiProduces('application/json', 'text/csv')
  async drivers(
    @Query() query: SatisfactionDriversQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SatisfactionDriversReport | string> {
    const { version, settings } = this.settings.current;
    const options = {
      minResponses: query.minResponses ?? settings.drivers.minResponsesPerSide,
      alpha: settings.drivers.alpha,
      correction: settings.drivers.correction,
    };
    const sort = query.sort ?? 'impact';
    const slice = sliceOf(query);
    const range = driverRange(query, new Date(), settings.drivers.defaultRangeDays, MAX_REPORT_DAYS);
    if (!('window' in range)) throw new ValidationProblemException([range]);
    const after = query.cursor ? positionOf(query.cursor, sort) : null;
    problemIf(
      query.issueCode !== undefined && (query.kind === 'rating' || query.topic !== undefined),
      'issueCode',
      'issueCode selects an issue-code driver: not with kind=rating or topic',
    );
    problemIf(
      query.topic !== undefined && query.kind === 'issueCode',
      'topic',
      'topic selects rating drivers: not with kind=issueCode',
    );

    // Every theme of the slice is computed and tested together, whatever the filters below show, so a
    // theme's adjusted p-value does not depend on which others are on screen.
    const { base, themes } = await this.repository.driverCounts(slice, range.window, THEME_KINDS);
    const shown = satisfactionDrivers(base, themes, options).filter((driver) => selected(driver, query));
    const page = driversPage(shown, sort, query.limit ?? 50, after);
    const nextCursor = page.next && encodeCursor([sort, ...page.next]);
    const report: SatisfactionDriversReport = {
      from: `${range.window.start}T00:00:00.000Z`,
      to: `${range.window.end}T00:00:00.000Z`,
      slice,
      overall: {
        responses: base.responses,
        csat: csatView({
          responses: base.csatResponses,
          satisfied: base.csatSatisfied,
          percent: base.csatResponses > 0 ? (base.csatSatisfied / base.csatResponses) * 100 : null,
        }),
        nps: npsView({
          responses: base.npsResponses,
          promoters: base.npsPromoters,
          passives: base.npsPassives,
          detractors: base.npsDetractors,
          score:
            base.npsResponses > 0
              ? ((base.npsPromoters - base.npsDetractors) / base.npsResponses) * 100
              : null,
        }),
      },
      method: {
        ...options,
        csatTest: 'two-proportion z-test (pooled), two-sided',
        npsTest: 'z-test of the difference of two NPS values (Welch, unpooled variances), two-sided',
        settingsVersion: version,
      },
      items: page.items.map(driverView),
      nextCursor,
    };
    if (!wantsCsv(accept)) return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (nextCursor) response.setHeader('X-Next-Cursor', nextCursor);
    return driversCsv(report.items);
  }
}

/** The one slice filter given (`none`/`all` without one); two at once is a 400 naming them. */
function sliceOf(query: SatisfactionDriversQuery): { kind: DriverSlice; value: string } {
  const given = SLICE_FILTERS.filter((filter) => query[filter] !== undefined);
  if (given.length > 1) {
    throw new ValidationProblemException(
      given.map((field): FieldError => ({
        field,
        message: `give one of ${SLICE_FILTERS.join(', ')} at a time (the rollup has no combinations)`,
      })),
    );
  }
  return given.length === 1 ? { kind: given[0], value: query[given[0]]! } : { kind: 'none', value: 'all' };
}

function selected(driver: SatisfactionDriver, query: SatisfactionDriversQuery): boolean {
  if (query.kind !== undefined && driver.kind !== query.kind) return false;
  if (query.issueCode !== undefined && driver.issueCode !== query.issueCode) return false;
  if (query.topic !== undefined && driver.topic !== query.topic) return false;
  return true;
}

/** A cursor holds the sort it was made for: one from another sort would skip or repeat drivers. */
function positionOf(cursor: string, sort: DriverSort): DriverPosition {
  const [cursorSort, key, themeKind, themeValue] = decodeCursor(cursor, [
    'string',
    'number',
    'string',
    'string',
  ]);
  problemIf(
    cursorSort !== sort || !(DRIVER_SORTS as readonly unknown[]).includes(cursorSort),
    'cursor',
    'cursor was made for another sort',
  );
  return [key as number, themeKind as string, themeValue as string];
}

function problemIf(condition: boolean, field: string, message: string): void {
  if (condition) throw new ValidationProblemException([{ field, message }]);
}

import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FieldError, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { wantsCsv } from '../http/csv';
import { churnRiskCsv } from './churn-risk-csv';
import { CHURN_RISK_CONTENT } from './churn-risk.openapi';
import {
  CHURN_RISK_PERIOD_DAYS,
  CHURN_RISK_SEGMENT_ATTRIBUTES,
  ChurnRiskQuery,
  ChurnRiskSegmentAttribute,
} from './churn-risk.query';
import { ChurnRiskFilter, ChurnRiskRepository } from './churn-risk.repository';
import { ChurnRiskPage } from './churn-risk.view';

const DAY_MS = 86_400_000;

/**
 * Churn-risk insights: customers likely to leave, with the reasons (the evidence) and a suggested
 * action. JSON by default; `Accept: text/csv` exports the page (next cursor in `X-Next-Cursor`).
 */
@ApiTags('insights')
@RequiresScope('insights:read')
@Controller('v1/insights/churn-risk')
export class ChurnRiskController {
  constructor(private readonly churnRisk: ChurnRiskRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Churn-risk insights',
    description:
      'Customers at risk (or, with status=all, cleared ones too), highest score first or most recently raised or updated first, each with its reasons, suggested action, lifetime value and segment. Cursor-paginated.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'A page of churn-risk insights and the next cursor, or the page as CSV.',
    content: CHURN_RISK_CONTENT,
    headers: {
      'X-Next-Cursor': {
        description: 'CSV only: the cursor of the next page; absent on the last page.',
        schema: { type: 'string' },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'problem+json naming every bad parameter (a bad cursor too)' })
  async list(
    @Query() query: ChurnRiskQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChurnRiskPage | string> {
    const filter = filterOf(query);
    const page = await this.churnRisk.page(filter);
    if (!wantsCsv(accept)) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
    return churnRiskCsv(page.items, { withStatus: !filter.openOnly });
  }
}

/** The query as a repository filter, with `period` turned into a range of change times. */
export function filterOf(query: ChurnRiskQuery, now = new Date()): ChurnRiskFilter {
  const errors: FieldError[] = [];
  if (query.period !== undefined && query.from !== undefined) {
    errors.push({ field: 'from', message: 'from cannot be combined with period: give one of them' });
  }
  const to = query.to === undefined ? null : new Date(query.to);
  let from = query.from === undefined ? null : new Date(query.from);
  if (query.period !== undefined) {
    from = new Date((to ?? now).getTime() - CHURN_RISK_PERIOD_DAYS[query.period] * DAY_MS);
  }
  if (from !== null && to !== null && from >= to) {
    errors.push({ field: 'to', message: 'to must be later than from' });
  }
  if (errors.length > 0) throw new ValidationProblemException(errors);
  const segment: Partial<Record<ChurnRiskSegmentAttribute, string>> = {};
  for (const attribute of CHURN_RISK_SEGMENT_ATTRIBUTES) {
    const value = query[`segment.${attribute}`];
    if (value !== undefined) segment[attribute] = value;
  }
  return {
    openOnly: (query.status ?? 'open') === 'open',
    segment,
    issueCode: query.issueCode ?? null,
    minScore: query.minScore ?? 0,
    changedFrom: from,
    changedBefore: to,
    sort: query.sort ?? 'score',
    limit: query.limit ?? 50,
    cursor: query.cursor,
  };
}

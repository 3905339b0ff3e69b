import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { toCsvDocument, wantsCsv } from '../http/csv';
import { ChurnRiskQuery } from './churn-risk.query';
import { ChurnRiskRepository } from './churn-risk.repository';
import { ChurnRiskPage, ChurnRiskView } from './churn-risk.view';

@Controller('v1/insights/churn-risk')
export class ChurnRiskController {
  constructor(private readonly churnRisk: ChurnRiskRepository) {}

  /** JSON by default; `Accept: text/csv` exports the page as CSV (next cursor in `X-Next-Cursor`). */
  @Get()
  async list(
    @Query() query: ChurnRiskQuery,
    @Query('segment.industry') industry: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChurnRiskPage | string> {
    const page = await this.churnRisk.page({
      minScore: query.minScore ?? 0,
      industry: typeof industry === 'string' && industry !== '' ? industry : undefined,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    if (!wantsCsv(accept)) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
    return toCsv(page.items);
  }
}

const CSV_HEADER = [
  'customer_id',
  'score',
  'top_reasons',
  'suggested_action',
  'lifetime_value',
  'industry',
  'raised_at',
  'updated_at',
];

export function toCsv(items: ChurnRiskView[]): string {
  const lines = items.map((item) => [
    item.customerId,
    String(item.score),
    item.reasons.map((reason) => `${reason.signal} (${reason.points})`).join('; '),
    item.suggestedAction ?? '',
    item.lifetimeValue === null ? '' : String(item.lifetimeValue),
    item.segment.industry ?? '',
    item.raisedAt,
    item.updatedAt,
  ]);
  return toCsvDocument(CSV_HEADER, lines);
}

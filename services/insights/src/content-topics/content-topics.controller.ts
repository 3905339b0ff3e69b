import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { toCsvDocument, wantsCsv } from '../http/csv';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { SEGMENT_ATTRIBUTES } from '../customers/domain/segments';
import { WindowGroup } from '../windows/domain/window-case';
import { ContentTopicsQuery } from './content-topics.query';
import { ContentTopicsReport } from './content-topics.report';
import { ContentTopicPage, ContentTopicView } from './content-topics.view';

@ApiTags('insights')
@RequiresScope('insights:read')
@Controller('v1/insights/content-topics')
export class ContentTopicsController {
  private readonly report: ContentTopicsReport;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly settings: InsightSettingsProvider,
  ) {
    this.report = new ContentTopicsReport(dataSource);
  }

  /**
   * The content topics of a period, highest score first by default. JSON by default; `Accept:
   * text/csv` exports the page as CSV (next cursor in `X-Next-Cursor`).
   */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'A page of content topics with their figures, status and evidence.' })
  async list(
    @Query() query: ContentTopicsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContentTopicPage | string> {
    const page = await this.report.page(
      {
        segment: segmentFilter(query),
        period: query.period,
        from: query.from,
        to: query.to,
        issueCode: query.issueCode,
        kind: query.kind,
        minScore: query.minScore ?? 0,
        status: query.status ?? 'all',
        sort: query.sort ?? 'score',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      },
      this.settings.current.settings.contentTopics,
    );
    if (!wantsCsv(accept)) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
    return toCsv(page);
  }
}

/** The one `segment.*` filter of the query, if any; two are a 400 (topics are ranked within one segment). */
function segmentFilter(query: ContentTopicsQuery): WindowGroup | null {
  const given = SEGMENT_ATTRIBUTES.flatMap((attribute) => {
    const value = query[`segment.${attribute}`];
    return value === undefined ? [] : [{ kind: `segment.${attribute}`, value }];
  });
  if (given.length > 1) {
    throw new ValidationProblemException(
      given.map((g) => ({ field: g.kind, message: 'give at most one segment.* filter' })),
    );
  }
  return given[0] ?? null;
}

export const CSV_HEADER = [
  'key',
  'kind',
  'issue_code',
  'term',
  'status',
  'score',
  'rank',
  'volume',
  'previous_volume',
  'growth',
  'how_to_share',
  'suggested_content_kind',
  'top_segments',
  'channels',
  'examples',
  'window_from',
  'window_to',
];

/** One row per topic of the page; lists joined with `; ` (examples with ` | `, phrasings may hold `;`). */
export function toCsv(page: ContentTopicPage): string {
  const rows = page.items.map((item: ContentTopicView) => [
    item.key,
    item.kind,
    item.issueCode,
    item.term,
    item.status,
    item.score,
    item.rank,
    item.volume,
    item.previousVolume,
    item.growth,
    item.howToShare,
    item.suggestedContentKind,
    item.topSegments.map((s) => `${s.attribute}=${s.value} (${s.lift}×)`).join('; '),
    item.channels.map((c) => `${c.channel} (${c.cases})`).join('; '),
    item.examples.join(' | '),
    page.window.from,
    page.window.to,
  ]);
  return toCsvDocument(CSV_HEADER, rows);
}

import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldError, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { wantsCsv } from '../http/csv';
import { SEGMENT_ATTRIBUTES, SEGMENT_PAIRS } from '../customers/domain/segments';
import { personaSignalsCsv } from './persona-signals-csv';
import { PERSONA_SIGNAL_PERIOD_DAYS, PersonaSignalsQuery } from './persona-signals.query';
import { PersonaSignalFilter, PersonaSignalsRepository } from './persona-signals.repository';
import { PersonaSignalPage } from './persona-signals.view';

const DAY_MS = 86_400_000;

/**
 * Persona signals: segments whose issue mix, channel use or satisfaction departs from the rest of
 * the base or from their own previous window by a statistically meaningful margin, with the test,
 * the p-values, the effect sizes and the counts. JSON by default; `Accept: text/csv` exports the
 * page (next cursor in `X-Next-Cursor`).
 */
@ApiTags('insights')
@RequiresScope('insights:read')
@Controller('v1/insights/persona-signals')
export class PersonaSignalsController {
  private readonly signals: PersonaSignalsRepository;

  // Built here rather than provided by the module, which this feature does not own.
  constructor(@InjectDataSource() dataSource: DataSource) {
    this.signals = new PersonaSignalsRepository(dataSource);
  }

  @Get()
  @ApiOperation({
    summary: 'Persona signals',
    description:
      'Open signals (or all with status=all), most significant first, or by effect size or recency. Each carries its comparisons: against the rest of the base and against the previous window, with the test (two-proportion z, Fisher exact, NPS difference z), p-value, Benjamini–Hochberg-adjusted p-value, lift or relative change, Cohen’s h or d, the confidence interval of the difference and the counts on both sides. Cursor-paginated.',
  })
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Query() query: PersonaSignalsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PersonaSignalPage | string> {
    const page = await this.signals.page(filterOf(query));
    if (!wantsCsv(accept)) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
    return personaSignalsCsv(page.items);
  }
}

/** The query as a repository filter, with `period` turned into a range of change times. */
export function filterOf(query: PersonaSignalsQuery, now = new Date()): PersonaSignalFilter {
  const errors: FieldError[] = [];
  if (query.period !== undefined && query.from !== undefined) {
    errors.push({ field: 'from', message: 'from cannot be combined with period: give one of them' });
  }
  const to = query.to === undefined ? null : new Date(query.to);
  let from = query.from === undefined ? null : new Date(query.from);
  if (query.period !== undefined) {
    from = new Date((to ?? now).getTime() - PERSONA_SIGNAL_PERIOD_DAYS[query.period] * DAY_MS);
  }
  if (from !== null && to !== null && from >= to) {
    errors.push({ field: 'to', message: 'to must be later than from' });
  }
  // An issue code is an item of the issue dimension, a channel one of the channel dimension.
  if (query.issueCode !== undefined && query.channel !== undefined) {
    errors.push({ field: 'channel', message: 'channel cannot be combined with issueCode' });
  }
  const impliedDimension =
    query.issueCode !== undefined ? 'issue' : query.channel !== undefined ? 'channel' : null;
  if (impliedDimension !== null && query.dimension !== undefined && query.dimension !== impliedDimension) {
    errors.push({
      field: 'dimension',
      message: `dimension must be ${impliedDimension} (or left out) with ${impliedDimension === 'issue' ? 'issueCode' : 'channel'}`,
    });
  }
  const segment: PersonaSignalFilter['segment'] = {};
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const value = query[`segment.${attribute}`];
    if (value !== undefined) segment[attribute] = value;
  }
  // The filters must all hold, so together they must name what one segment can hold: one attribute,
  // or the two of a listed pair. Anything else would always answer an empty page.
  const named = Object.keys(segment);
  if (
    named.length > 1 &&
    !SEGMENT_PAIRS.some(
      (pair) => pair.length === named.length && named.every((a) => (pair as readonly string[]).includes(a)),
    )
  ) {
    errors.push({
      field: `segment.${named[named.length - 1]}`,
      message: `no segment holds ${named.join(' and ')}: filter by one attribute or by a pair (${SEGMENT_PAIRS.map((pair) => pair.join(' and ')).join('; ')})`,
    });
  }
  if (errors.length > 0) throw new ValidationProblemException(errors);
  return {
    openOnly: (query.status ?? 'open') === 'open',
    segment,
    dimension: query.dimension ?? impliedDimension,
    item: query.issueCode ?? query.channel ?? null,
    minScore: query.minScore ?? 0,
    minEffect: query.minEffect ?? 0,
    changedFrom: from,
    changedBefore: to,
    sort: query.sort ?? 'score',
    limit: query.limit ?? 50,
    cursor: query.cursor,
  };
}

import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldError, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { wantsCsv } from '../http/csv';
import { candidatesCsv } from './candidates-csv';
import {
  CANDIDATE_PERIOD_DAYS,
  CandidateFilters,
  CaseStudyCandidatesQuery,
  FOCUS_GROUP_DIMENSIONS,
  FocusGroupCandidatesQuery,
} from './candidates.query';
import { CandidateFilter, CandidatesRepository } from './candidates.repository';
import { CandidatePage, FocusGroupView } from './candidates.view';
import { drawFocusGroup } from './domain/stratified-draw';

const DAY_MS = 86_400_000;

/**
 * Case-study, reference and focus-group candidates: customers who are delighted or promoters,
 * recently had a case resolved well and consented; ranked, with the evidence. JSON by default;
 * `Accept: text/csv` exports the same rows (the list's next cursor in `X-Next-Cursor`).
 */
@ApiTags('insights')
@RequiresScope('insights:read')
@Controller('v1/insights')
export class CandidatesController {
  private readonly candidates: CandidatesRepository;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.candidates = new CandidatesRepository(dataSource);
  }

  @Get('case-study-candidates')
  @ApiOperation({
    summary: 'Open case-study, reference and focus-group candidates',
    description:
      'Highest score first (or most recently raised first with sort=recent), with the evidence: the latest survey answers, the case resolved well, the programmes consented to. Cursor-paginated.',
  })
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Query() query: CaseStudyCandidatesQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CandidatePage | string> {
    const page = await this.candidates.page({
      ...filterOf(query),
      programme: query.programme ?? null,
      sort: query.sort ?? 'score',
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    if (!wantsCsv(accept)) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor) response.setHeader('X-Next-Cursor', page.nextCursor);
    return candidatesCsv(page.items);
  }

  @Get('focus-group-candidates')
  @ApiOperation({
    summary: 'A focus group drawn across segments',
    description:
      'Focus-group candidates matching the filters, drawn round-robin by score across the values of `by`, so that no value holds more than ceil(size / number of values): a group that is not one segment.',
  })
  @ApiProduces('application/json', 'text/csv')
  async focusGroup(
    @Query() query: FocusGroupCandidatesQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FocusGroupView | string> {
    const size = query.size ?? 12;
    const by = query.by ?? FOCUS_GROUP_DIMENSIONS[0];
    const pool = await this.candidates.focusGroupPool(
      { ...filterOf(query), programme: 'focusGroup' },
      by,
      size,
    );
    const draw = drawFocusGroup(pool, size, { fill: query.fill ?? false });
    const available = new Map(pool.map((candidate) => [candidate.stratum, candidate.available]));
    const group: FocusGroupView = {
      by,
      size,
      perSegmentCap: draw.perStratumCap,
      members: draw.members.map(({ available: _available, ...member }) => member),
      segments: draw.strata.map((stratum) => ({
        value: stratum.value,
        candidates: available.get(stratum.value) ?? stratum.offered,
        drawn: stratum.drawn,
      })),
    };
    if (!wantsCsv(accept)) return group;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return candidatesCsv(group.members);
  }
}

/** The query's filters, with `period` turned into a range of raise times. */
function filterOf(query: CandidateFilters): Omit<CandidateFilter, 'programme'> {
  const errors: FieldError[] = [];
  if (query.period !== undefined && query.from !== undefined) {
    errors.push({ field: 'from', message: 'from cannot be combined with period: give one of them' });
  }
  const to = query.to === undefined ? null : new Date(query.to);
  let from = query.from === undefined ? null : new Date(query.from);
  if (query.period !== undefined) {
    from = new Date((to ?? new Date()).getTime() - CANDIDATE_PERIOD_DAYS[query.period] * DAY_MS);
  }
  if (from !== null && to !== null && from >= to)
    errors.push({ field: 'to', message: 'to must be later than from' });
  if (errors.length > 0) throw new ValidationProblemException(errors);
  return {
    segment: {
      industry: query['segment.industry'],
      plan: query['segment.plan'],
      region: query['segment.region'],
      companySize: query['segment.companySize'],
      role: query['segment.role'],
    },
    minScore: query.minScore ?? 0,
    issueCode: query.issueCode ?? null,
    raisedFrom: from,
    raisedBefore: to,
  };
}

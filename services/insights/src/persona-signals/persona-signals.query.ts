import { PageCursor, PageLimit } from '../http/page-parameters';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '@supportlens/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Dimension, DIMENSIONS } from './domain/evaluate-segment';
import { MAX_SCORE } from './domain/plan-signal-changes';

export const PERSONA_SIGNAL_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PersonaSignalPeriod = (typeof PERSONA_SIGNAL_PERIODS)[number];
/** How far back each `period` reaches, in days. */
export const PERSONA_SIGNAL_PERIOD_DAYS: Record<PersonaSignalPeriod, number> = {
  day: 1,
  week: 7,
  month: 30,
  quarter: 91,
  year: 365,
};

export const PERSONA_SIGNAL_SORTS = ['score', 'effect', 'recent'] as const;
export type PersonaSignalSort = (typeof PERSONA_SIGNAL_SORTS)[number];

export const PERSONA_SIGNAL_STATUSES = ['open', 'all'] as const;
export type PersonaSignalStatusFilter = (typeof PERSONA_SIGNAL_STATUSES)[number];

const SEGMENT = (attribute: string) =>
  ApiPropertyOptional({
    name: `segment.${attribute}`,
    description: `Only signals about segments with ${attribute} = this value: that value's own segment and the pairs holding it. Two segment filters: a listed pair's signals (segment.industry=retail&segment.companySize=51-200); any other combination is refused with 400.`,
    maxLength: 100,
  });

/**
 * `GET /v1/insights/persona-signals`: persona signals, strongest first. Every filter is optional;
 * times are event times (the time of the facts a signal was computed from).
 */
export class PersonaSignalsQuery {
  @SEGMENT('industry') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.industry'?: string;
  @SEGMENT('plan') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.plan'?: string;
  @SEGMENT('region') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.region'?: string;
  @SEGMENT('companySize')
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  'segment.companySize'?: string;
  @SEGMENT('role') @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) 'segment.role'?: string;

  @ApiPropertyOptional({
    enum: DIMENSIONS,
    description: 'Only signals about the issue mix, the channel use or satisfaction (CSAT, NPS).',
  })
  @IsOptional()
  @IsIn(DIMENSIONS)
  dimension?: Dimension;

  @ApiPropertyOptional({ description: 'Only issue-mix signals about this issue code.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issueCode?: string;

  @ApiPropertyOptional({ description: 'Only channel-use signals about this channel.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  channel?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_SCORE,
    description:
      'Only signals scoring at least this: the score is −log₁₀ of the smallest adjusted p-value among the comparisons carrying the signal (2 = p < 0.01, 5 = p < 0.00001). Default 0.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_SCORE)
  minScore?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 4,
    description:
      "Only signals whose headline effect size (|Cohen's h| for shares, |Cohen's d| for NPS) is at least this.",
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(4)
  minEffect?: number;

  @ApiPropertyOptional({
    enum: PERSONA_SIGNAL_STATUSES,
    description: '`open` (default): signals in force; `all`: cleared ones too, as last announced.',
  })
  @IsOptional()
  @IsIn(PERSONA_SIGNAL_STATUSES)
  status?: PersonaSignalStatusFilter;

  @ApiPropertyOptional({
    enum: PERSONA_SIGNAL_PERIODS,
    description:
      'Only signals last changed (raised, updated or cleared) within the last day, week (7 days), month (30), quarter (91) or year (365) before `to` (default now). Not with `from`.',
  })
  @IsOptional()
  @IsIn(PERSONA_SIGNAL_PERIODS)
  period?: PersonaSignalPeriod;

  @ApiPropertyOptional({
    description: 'Only signals last changed at or after this (RFC 3339 with an offset). Not with `period`.',
    example: '2032-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Only signals last changed before this (RFC 3339 with an offset).',
    example: '2032-06-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    enum: PERSONA_SIGNAL_SORTS,
    description:
      '`score` (default): most significant first; `effect`: largest effect size first; `recent`: most recently changed first.',
  })
  @IsOptional()
  @IsIn(PERSONA_SIGNAL_SORTS)
  sort?: PersonaSignalSort;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}

import { PageCursor, PageLimit } from '../http/page-parameters';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp, SEGMENT_ATTRIBUTES, SegmentAttribute } from '@supportlens/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const CHURN_RISK_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type ChurnRiskPeriod = (typeof CHURN_RISK_PERIODS)[number];
/** How far back each `period` reaches, in days. */
export const CHURN_RISK_PERIOD_DAYS: Record<ChurnRiskPeriod, number> = {
  day: 1,
  week: 7,
  month: 30,
  quarter: 91,
  year: 365,
};

export const CHURN_RISK_SORTS = ['score', 'recent'] as const;
export type ChurnRiskSort = (typeof CHURN_RISK_SORTS)[number];

export const CHURN_RISK_STATUSES = ['open', 'all'] as const;
export type ChurnRiskStatusFilter = (typeof CHURN_RISK_STATUSES)[number];

export const CHURN_RISK_SEGMENT_ATTRIBUTES = SEGMENT_ATTRIBUTES;
export type ChurnRiskSegmentAttribute = SegmentAttribute;

/** An empty value (`segment.industry=`) is no filter, as it always was for this endpoint. */
const EMPTY_IS_ABSENT = Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

const SEGMENT = (attribute: ChurnRiskSegmentAttribute, example: string) =>
  ApiPropertyOptional({
    name: `segment.${attribute}`,
    description: `Only customers whose segment ${attribute} is this (as last sent). Several segment filters: all must match. Empty: no filter.`,
    maxLength: 100,
    example,
  });

/**
 * `GET /v1/insights/churn-risk`: churn-risk insights, highest score (or most recently changed) first.
 * Every filter is optional; several filters must all match.
 */
export class ChurnRiskQuery {
  @SEGMENT('industry', 'retail')
  @EMPTY_IS_ABSENT
  @IsOptional()
  @IsString()
  @MaxLength(100)
  'segment.industry'?: string;

  @SEGMENT('plan', 'enterprise')
  @EMPTY_IS_ABSENT
  @IsOptional()
  @IsString()
  @MaxLength(100)
  'segment.plan'?: string;

  @SEGMENT('region', 'emea')
  @EMPTY_IS_ABSENT
  @IsOptional()
  @IsString()
  @MaxLength(100)
  'segment.region'?: string;

  @SEGMENT('companySize', '51-200')
  @EMPTY_IS_ABSENT
  @IsOptional()
  @IsString()
  @MaxLength(100)
  'segment.companySize'?: string;

  @SEGMENT('role', 'admin')
  @EMPTY_IS_ABSENT
  @IsOptional()
  @IsString()
  @MaxLength(100)
  'segment.role'?: string;

  @ApiPropertyOptional({
    description:
      'Only customers whose top issue code, as the insight’s evidence names it, is this: the issue most of their reopened or escalated cases were about (the `reopened_cases` / `escalated_cases` reasons, "…, mostly billing.refund"). An insight without such a reason names no issue code and does not match.',
    maxLength: 200,
    example: 'billing.refund',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issueCode?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'Only insights scoring at least this (0–100). Default 0: every insight.',
    example: 60,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  minScore?: number;

  @ApiPropertyOptional({
    enum: CHURN_RISK_STATUSES,
    description:
      '`open` (default): customers at risk now; `all`: cleared insights too, as last announced (with `status` and `clearedAt`).',
  })
  @IsOptional()
  @IsIn(CHURN_RISK_STATUSES)
  status?: ChurnRiskStatusFilter;

  @ApiPropertyOptional({
    enum: CHURN_RISK_PERIODS,
    description:
      'Only insights raised or last updated (or cleared, with status=all) within the last day, week (7 days), month (30), quarter (91) or year (365) before `to` (default now). Not with `from`.',
  })
  @IsOptional()
  @IsIn(CHURN_RISK_PERIODS)
  period?: ChurnRiskPeriod;

  @ApiPropertyOptional({
    description:
      'Only insights raised or last updated at or after this (RFC 3339 with an offset). Not with `period`.',
    example: '2032-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Only insights raised or last updated before this (RFC 3339 with an offset).',
    example: '2032-06-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    enum: CHURN_RISK_SORTS,
    description:
      '`score` (default): highest score first; `recent`: most recently raised or updated first. Ties by customer id, descending.',
  })
  @IsOptional()
  @IsIn(CHURN_RISK_SORTS)
  sort?: ChurnRiskSort;

  @PageLimit()
  limit?: number;

  @PageCursor('`nextCursor` of the previous page (with the same sort; a cursor of another sort is a 400).')
  cursor?: string;
}

import { PageCursor, PageLimit } from '../http/page-parameters';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp, SEGMENT_ATTRIBUTES, SegmentAttribute } from '@supportlens/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PROGRAMMES, Programme } from './domain/candidate-signals';

export const CANDIDATE_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CandidatePeriod = (typeof CANDIDATE_PERIODS)[number];
/** How far back each `period` reaches, in days. */
export const CANDIDATE_PERIOD_DAYS: Record<CandidatePeriod, number> = {
  day: 1,
  week: 7,
  month: 30,
  quarter: 91,
  year: 365,
};

export const CANDIDATE_SORTS = ['score', 'recent'] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

export const FOCUS_GROUP_DIMENSIONS = SEGMENT_ATTRIBUTES;
export type FocusGroupDimension = SegmentAttribute;

const SEGMENT = (attribute: string) =>
  ApiPropertyOptional({
    name: `segment.${attribute}`,
    description: `Only customers whose segment ${attribute} is this (as last sent).`,
    maxLength: 100,
  });

/** The filters both candidate endpoints take. */
export class CandidateFilters {
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
    minimum: 0,
    maximum: 100,
    description: 'Only candidates scoring at least this. Default 0.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  minScore?: number;

  @ApiPropertyOptional({
    enum: CANDIDATE_PERIODS,
    description:
      'Only candidacies raised within the last day, week (7 days), month (30), quarter (91) or year (365) before `to` (default now). Not with `from`.',
  })
  @IsOptional()
  @IsIn(CANDIDATE_PERIODS)
  period?: CandidatePeriod;

  @ApiPropertyOptional({
    description: 'Only candidacies raised at or after this (RFC 3339 with an offset). Not with `period`.',
    example: '2032-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Only candidacies raised before this (RFC 3339 with an offset).',
    example: '2032-06-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    description: 'Only candidates whose case resolved well had this issue code.',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issueCode?: string;
}

/** `GET /v1/insights/case-study-candidates`: open candidacies, best (or newest) first. */
export class CaseStudyCandidatesQuery extends CandidateFilters {
  @ApiPropertyOptional({ enum: PROGRAMMES, description: 'Only customers who consent to this programme.' })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;

  @ApiPropertyOptional({
    enum: CANDIDATE_SORTS,
    description: '`score` (default): highest first; `recent`: most recently raised first.',
  })
  @IsOptional()
  @IsIn(CANDIDATE_SORTS)
  sort?: CandidateSort;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}

/** `GET /v1/insights/focus-group-candidates`: a group of focus-group candidates drawn across segments. */
export class FocusGroupCandidatesQuery extends CandidateFilters {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    description: 'How many people the group should have. Default 12.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  size?: number;

  @ApiPropertyOptional({
    enum: FOCUS_GROUP_DIMENSIONS,
    description: 'The segment attribute the group is drawn across. Default industry.',
  })
  @IsOptional()
  @IsIn(FOCUS_GROUP_DIMENSIONS)
  by?: FocusGroupDimension;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Top the group up with the best remaining candidates when one segment value has most of them (the group may then lean to it). Default false.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  fill?: boolean;
}

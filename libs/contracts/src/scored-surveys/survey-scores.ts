import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
/** Promoter 9–10, passive 7–8, detractor 0–6. */
export type NpsCategory = (typeof NPS_CATEGORIES)[number];

export class SurveyScores {
  @IsOptional() @IsInt() @Min(1) @Max(5) csat?: number;
  /** Top-2-box: a CSAT of 4 or 5 counts as satisfied. */
  @IsOptional() @IsBoolean() csatSatisfied?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(10) nps?: number;
  @IsOptional() @IsIn(NPS_CATEGORIES) npsCategory?: NpsCategory;
  @IsOptional() @IsInt() @Min(1) @Max(7) ces?: number;
}

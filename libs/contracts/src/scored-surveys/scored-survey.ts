import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, Min, ValidateNested } from 'class-validator';
import { SurveyResponse } from '../surveys/survey-response';
import { SurveyScores } from './survey-scores';

/** A survey response with its scores: what `support.surveys.scored.v1` carries. */
export class ScoredSurvey {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyResponse)
  response!: SurveyResponse;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyScores)
  scores!: SurveyScores;

  /** The scoring configuration version that produced the scores. */
  @IsInt() @Min(1) scoringConfigVersion!: number;
}

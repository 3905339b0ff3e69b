import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ScoredSurvey, SurveyResponse } from '@supportlens/contracts';
import { ScoringConfigRepository } from '../scoring-config/scoring-config.repository';
import { scoreSurvey } from './domain/score-survey';

@Controller('v1/score')
export class ScoreController {
  constructor(private readonly configs: ScoringConfigRepository) {}

  /** Dry run: the scores the pipeline would publish for this response, nothing stored or published. */
  @Post()
  @HttpCode(200)
  async score(@Body() response: SurveyResponse): Promise<ScoredSurvey> {
    const config = await this.configs.current();
    return { response, scores: scoreSurvey(response), scoringConfigVersion: config.version };
  }
}

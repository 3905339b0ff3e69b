import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { findUnstorableJson, ScoredSurvey, SurveyResponse } from '@supportlens/contracts';
import { ProblemException, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import { ScoringConfigProvider } from '../scoring-config/scoring-config.provider';
import { INCONSISTENT_ANSWERS, scoreResponse } from './score-response';
import { contractSchema } from './score.openapi';

@ApiTags('scoring')
@RequiresScope('insights:read')
@Controller('v1/score')
export class ScoreController {
  constructor(private readonly configs: ScoringConfigProvider) {}

  /**
   * Dry run: exactly what the pipeline would publish for this response (same contract, scorer and
   * cached configuration), nothing stored or published. The global ValidationPipe checks the body
   * against the SurveyResponse contract (400 naming each field, e.g. `servqual.reliability.perception`);
   * answers the scorer refuses are a 400 too, where the pipeline would dead-letter them.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Score a survey response (dry run)',
    description:
      'Exactly what the pipeline would publish for this response: CSAT, NPS and its category, effort, the SERVQUAL gaps, level and weighted gap, and the benchmark comparison, under the configuration in force. Nothing is stored or published.',
  })
  @ApiBody({ schema: contractSchema('SurveyResponse') })
  @ApiOkResponse({
    description: 'The scored survey: the response, its scores and the scoring-configuration version.',
    schema: contractSchema('ScoredSurvey'),
  })
  @ApiBadRequestResponse({
    description:
      'problem+json naming each bad field (`servqual.reliability.perception`), or `inconsistent-answers` where the pipeline would dead-letter the response',
  })
  score(@Body() response: SurveyResponse): ScoredSurvey {
    // What the consumer checks beyond the class rules: text Postgres could not store downstream.
    const unstorable = findUnstorableJson(response);
    if (unstorable.length > 0) throw new ValidationProblemException(unstorable);
    const outcome = scoreResponse(response, this.configs.current);
    if (!outcome.ok) {
      throw new ProblemException({
        status: 400,
        type: 'inconsistent-answers',
        title: 'Inconsistent answers',
        detail: outcome.reason,
        extensions: { errorClass: INCONSISTENT_ANSWERS },
      });
    }
    return outcome.scored;
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@supportlens/platform';
import { CaseClassifier, ExplainedClassification } from './case-classifier.service';
import { ClassifyRequest } from './classify-request.dto';

@ApiTags('classification')
@RequiresScope('insights:read')
@Controller('v1/classify')
export class ClassifyController {
  constructor(private readonly classifier: CaseClassifier) {}

  /**
   * Dry run: the classification the pipeline would give, with the terms that weighed most for the
   * model's top code; nothing is stored or published.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Classify a text (dry run)',
    description:
      'The classification the pipeline would give this text: issue code, category, confidence, method (agent, rule, model or keywords), the candidates, the tone and the taxonomy and model versions, with the terms that weighed most for the model’s top code. Nothing is stored or published.',
  })
  @ApiOkResponse({
    description:
      '`classification` and `explanation` (the weightiest terms; empty for an agent’s code or a rule).',
  })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  classify(
    @Body() request: ClassifyRequest,
  ): Pick<ExplainedClassification, 'classification' | 'explanation'> {
    const { classification, explanation } = this.classifier.explain(request);
    return { classification, explanation };
  }
}

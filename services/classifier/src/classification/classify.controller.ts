import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CaseClassifier, ExplainedClassification } from './case-classifier.service';
import { ClassifyRequest } from './classify-request.dto';

@Controller('v1/classify')
export class ClassifyController {
  constructor(private readonly classifier: CaseClassifier) {}

  /**
   * Dry run: the classification the pipeline would give, with the terms that weighed most for the
   * model's top code; nothing is stored or published.
   */
  @Post()
  @HttpCode(200)
  classify(@Body() request: ClassifyRequest): ExplainedClassification {
    return this.classifier.explain(request);
  }
}

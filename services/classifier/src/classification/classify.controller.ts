import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CaseClassification } from '@supportlens/contracts';
import { CaseClassifier } from './case-classifier.service';
import { ClassifyRequest } from './classify-request.dto';

@Controller('v1/classify')
export class ClassifyController {
  constructor(private readonly classifier: CaseClassifier) {}

  /** Dry run: the same classification the pipeline would give, with nothing stored or published. */
  @Post()
  @HttpCode(200)
  classify(@Body() request: ClassifyRequest): CaseClassification {
    return this.classifier.classify(request);
  }
}

import { Module } from '@nestjs/common';
import { Topics, EventContracts } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { CasesHandler } from '../cases/cases.handler';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { TaxonomyController } from '../taxonomy/taxonomy.controller';
import { CaseClassifier } from './case-classifier.service';
import { ClassifyController } from './classify.controller';

@Module({
  controllers: [ClassifyController, TaxonomyController],
  providers: [
    CaseClassifier,
    LabelledExamplesRepository,
    CasesHandler,
    batchConsumerProvider({
      name: 'cases',
      topic: Topics.Cases,
      parse: contractParser(EventContracts.Case),
      handler: CasesHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.Case.type,
    }),
  ],
})
export class ClassificationModule {}

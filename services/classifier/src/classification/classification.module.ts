import { Module } from '@nestjs/common';
import { Topics, EventContracts } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { CasesHandler } from '../cases/cases.handler';
import { EmergingTopicsModule } from '../emerging-topics/emerging-topics.module';
import { CustomerErasuresHandler } from '../erasure/customer-erasures.handler';
import { CustomerErasuresRepository } from '../erasure/customer-erasures.repository';
import { TaxonomyController } from '../taxonomy/taxonomy.controller';
import { TaxonomyProvider } from '../taxonomy/taxonomy.provider';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TrainingModule } from '../training/training.module';
import { CaseClassifier } from './case-classifier.service';
import { ClassifyController } from './classify.controller';

@Module({
  imports: [TrainingModule, EmergingTopicsModule],
  controllers: [ClassifyController, TaxonomyController],
  // The taxonomy provider lives in this module, next to the consumer, on purpose: Nest runs
  // onModuleInit module by module, so a module of its own (imported from here, hence further from the
  // root) would load the taxonomy before PersistenceModule has checked for pending migrations.
  providers: [
    TaxonomyRepository,
    TaxonomyProvider,
    CaseClassifier,
    CasesHandler,
    batchConsumerProvider({
      name: 'cases',
      topic: Topics.Cases,
      parse: contractParser(EventContracts.Case),
      handler: CasesHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.Case.type,
    }),
    // Erasures scrub what the cases consumer stored, and its batches read their ledger: both live here.
    CustomerErasuresRepository,
    CustomerErasuresHandler,
    batchConsumerProvider({
      name: 'customer-erasures',
      topic: Topics.CustomerErasures,
      parse: contractParser(EventContracts.CustomerErasure),
      handler: CustomerErasuresHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.CustomerErasure.type,
    }),
  ],
})
export class ClassificationModule {}

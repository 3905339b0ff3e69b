import { Module } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { ClassifiedCasesHandler } from '../cases/classified-cases.handler';
import { ChurnRiskController } from '../churn-risk/churn-risk.controller';
import { ChurnRiskDetector } from '../churn-risk/churn-risk.detector';
import { ChurnRiskRepository } from '../churn-risk/churn-risk.repository';
import { CustomerProfilesRepository } from '../customers/customer-profiles.repository';
import { CustomersController } from '../customers/customers.controller';
import { ServiceMetricsController } from '../service-metrics/service-metrics.controller';
import { ServiceMetricsRepository } from '../service-metrics/service-metrics.repository';
import { SatisfactionMetricsController } from '../satisfaction/satisfaction-metrics.controller';
import { SatisfactionMetricsRepository } from '../satisfaction/satisfaction-metrics.repository';
import { SatisfactionRollup } from '../satisfaction/satisfaction-rollup';
import { SatisfactionRollupRepository } from '../satisfaction/satisfaction-rollup.repository';
import { ScoredSurveysHandler } from '../surveys/scored-surveys.handler';
import { ReadModelWriter } from './read-model-writer';

@Module({
  controllers: [
    CustomersController,
    ServiceMetricsController,
    SatisfactionMetricsController,
    ChurnRiskController,
  ],
  providers: [
    ReadModelWriter,
    ChurnRiskDetector,
    ChurnRiskRepository,
    CustomerProfilesRepository,
    ServiceMetricsRepository,
    SatisfactionRollup,
    SatisfactionRollupRepository,
    SatisfactionMetricsRepository,
    ClassifiedCasesHandler,
    ScoredSurveysHandler,
    batchConsumerProvider({
      name: 'classified-cases',
      topic: Topics.CasesClassified,
      parse: contractParser(EventContracts.ClassifiedCase),
      handler: ClassifiedCasesHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.ClassifiedCase.type,
    }),
    batchConsumerProvider({
      name: 'scored-surveys',
      topic: Topics.SurveysScored,
      parse: contractParser(EventContracts.ScoredSurvey),
      handler: ScoredSurveysHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.ScoredSurvey.type,
    }),
  ],
})
export class ReadModelsModule {}

import { Module } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { CandidatesController } from '../candidates/candidates.controller';
import { CatchUpEnd } from '../catch-up/catch-up-end';
import { CatchUpMonitor } from '../catch-up/catch-up.monitor';
import { CaseStudyCandidatesDetector } from '../candidates/case-study-candidates.detector';
import { ClassifiedCasesHandler } from '../cases/classified-cases.handler';
import { ChurnRiskController } from '../churn-risk/churn-risk.controller';
import { ChurnRiskDetector } from '../churn-risk/churn-risk.detector';
import { ChurnRiskRepository } from '../churn-risk/churn-risk.repository';
import { ContentTopicsController } from '../content-topics/content-topics.controller';
import { ContentTopicsDetector } from '../content-topics/content-topics.detector';
import { CustomerProfilesRepository } from '../customers/customer-profiles.repository';
import { CustomersController } from '../customers/customers.controller';
import { DigestController } from '../digest/digest.controller';
import { CustomerErasureWriter } from '../erasure/customer-erasure.writer';
import { CustomerErasuresHandler } from '../erasure/customer-erasures.handler';
import { DigestRepository } from '../digest/digest.repository';
import { MarketingDigestBuilder } from '../digest/marketing-digest';
import { SatisfactionDriversController } from '../drivers/satisfaction-drivers.controller';
import { InsightOutbox } from '../outbox/insight-outbox';
import { PersonaSignalsController } from '../persona-signals/persona-signals.controller';
import { PersonaSignalsDetector } from '../persona-signals/persona-signals.detector';
import { ServiceMetricsController } from '../service-metrics/service-metrics.controller';
import { ServiceMetricsRepository } from '../service-metrics/service-metrics.repository';
import { SatisfactionMetricsController } from '../satisfaction/satisfaction-metrics.controller';
import { SatisfactionMetricsRepository } from '../satisfaction/satisfaction-metrics.repository';
import { SatisfactionRollup } from '../satisfaction/satisfaction-rollup';
import { SatisfactionRollupRepository } from '../satisfaction/satisfaction-rollup.repository';
import { InsightSettingsController } from '../settings/insight-settings.controller';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { ScoredSurveysHandler } from '../surveys/scored-surveys.handler';
import { CaseWindows } from '../windows/case-windows';
import { READ_MODEL_STEPS, ReadModelStep } from './applied-batch';
import { FactWrites } from './fact-writes';
import { INPUT_CONSUMERS } from './input-consumers';
import { WritePhaseMetrics } from './write-phase-metrics';
import { ReadModelWriter } from './read-model-writer';

/**
 * The steps a batch runs after its facts and profiles are written, in this order: the windows
 * first (detectors read them), then the per-customer detectors, then the aggregate ones.
 */
const STEPS = [
  ChurnRiskDetector,
  CaseStudyCandidatesDetector,
  CaseWindows,
  ContentTopicsDetector,
  PersonaSignalsDetector,
];

@Module({
  controllers: [
    CustomersController,
    ServiceMetricsController,
    SatisfactionMetricsController,
    SatisfactionDriversController,
    ContentTopicsController,
    PersonaSignalsController,
    CandidatesController,
    ChurnRiskController,
    InsightSettingsController,
    DigestController,
  ],
  providers: [
    ReadModelWriter,
    FactWrites,
    CatchUpMonitor,
    CatchUpEnd,
    WritePhaseMetrics,
    InsightOutbox,
    InsightSettingsProvider,
    ...STEPS,
    { provide: READ_MODEL_STEPS, useFactory: (...steps: ReadModelStep[]) => steps, inject: STEPS },
    ChurnRiskRepository,
    DigestRepository,
    MarketingDigestBuilder,
    CustomerProfilesRepository,
    ServiceMetricsRepository,
    SatisfactionRollup,
    SatisfactionRollupRepository,
    SatisfactionMetricsRepository,
    ClassifiedCasesHandler,
    ScoredSurveysHandler,
    batchConsumerProvider({
      ...INPUT_CONSUMERS.cases,
      parse: contractParser(EventContracts.ClassifiedCase),
      handler: ClassifiedCasesHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.ClassifiedCase.type,
    }),
    batchConsumerProvider({
      ...INPUT_CONSUMERS.surveys,
      parse: contractParser(EventContracts.ScoredSurvey),
      handler: ScoredSurveysHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.ScoredSurvey.type,
    }),
    // Erasures scrub what the case facts hold of a customer; the writer reads their ledger.
    CustomerErasureWriter,
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
export class ReadModelsModule {}

import { Module } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { ScoringConfigController } from '../scoring-config/scoring-config.controller';
import { ScoringConfigProvider } from '../scoring-config/scoring-config.provider';
import { ScoringConfigRepository } from '../scoring-config/scoring-config.repository';
import { SurveysHandler } from '../surveys/surveys.handler';
import { ScoreController } from './score.controller';

// The configuration provider lives in this module, next to the consumer, on purpose: Nest runs
// onModuleInit module by module, so a module of its own (imported from here, hence further from the
// root) would load the configuration before PersistenceModule has checked for pending migrations.
@Module({
  controllers: [ScoreController, ScoringConfigController],
  providers: [
    ScoringConfigRepository,
    ScoringConfigProvider,
    SurveysHandler,
    batchConsumerProvider({
      name: 'surveys',
      topic: Topics.Surveys,
      parse: contractParser(EventContracts.Survey),
      handler: SurveysHandler,
      requireCloudEvent: true,
      expectedType: EventContracts.Survey.type,
    }),
  ],
})
export class ScoringModule {}

import { Module } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import { batchConsumerProvider, contractParser } from '@supportlens/messaging';
import { ScoringConfigController } from '../scoring-config/scoring-config.controller';
import { ScoringConfigRepository } from '../scoring-config/scoring-config.repository';
import { SurveysHandler } from '../surveys/surveys.handler';
import { ScoreController } from './score.controller';

@Module({
  controllers: [ScoreController, ScoringConfigController],
  providers: [
    ScoringConfigRepository,
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

import { AccessModule } from '@supportlens/access';
import { Module } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { MessagingModule } from '@supportlens/messaging';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { SurveyScoringConfig } from './config/survey-scoring.config';
import { surveyScoringMigrations } from './migrations';
import { ScoringModule } from './scoring/scoring.module';

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'survey-scoring', config: SurveyScoringConfig }),
    PersistenceModule.forRoot({
      schema: 'survey_scoring',
      entities: [],
      migrations: surveyScoringMigrations,
    }),
    AccessModule.forRoot(),
    MessagingModule.forRoot({ produces: [Topics.SurveysScored] }),
    ScoringModule,
  ],
})
export class AppModule {}

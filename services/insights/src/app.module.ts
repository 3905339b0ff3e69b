import { AccessModule } from '@supportlens/access';
import { Module } from '@nestjs/common';
import { MessagingModule } from '@supportlens/messaging';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { Topics } from '@supportlens/contracts';
import { InsightsConfig } from './config/insights.config';
import { insightsMigrations } from './migrations';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'insights', config: InsightsConfig }),
    PersistenceModule.forRoot({ schema: 'insights', entities: [], migrations: insightsMigrations }),
    AccessModule.forRoot(),
    MessagingModule.forRoot({
      produces: [
        Topics.ContentTopicInsights,
        Topics.PersonaSignalInsights,
        Topics.CaseStudyCandidateInsights,
        Topics.ChurnRiskInsights,
      ],
    }),
    ReadModelsModule,
  ],
})
export class AppModule {}

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
    // Insight topics (marketing.insights.*): churn risk so far.
    MessagingModule.forRoot({ produces: [Topics.ChurnRiskInsights] }),
    ReadModelsModule,
  ],
})
export class AppModule {}

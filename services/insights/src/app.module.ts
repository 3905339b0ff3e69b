import { Module } from '@nestjs/common';
import { MessagingModule } from '@supportlens/messaging';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { InsightsConfig } from './config/insights.config';
import { insightsMigrations } from './migrations';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'insights', config: InsightsConfig }),
    PersistenceModule.forRoot({ schema: 'insights', entities: [], migrations: insightsMigrations }),
    // Insight topics (marketing.insights.*) come with the insights issue; nothing is published yet.
    MessagingModule.forRoot({ produces: [] }),
    ReadModelsModule,
  ],
})
export class AppModule {}

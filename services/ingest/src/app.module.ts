import { AccessModule } from '@supportlens/access';
import { Module } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { MessagingModule } from '@supportlens/messaging';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { CasesController } from './cases/cases.controller';
import { IngestConfig } from './config/ingest.config';
import { IntakeModule } from './intake/intake.module';
import { ingestMigrations } from './migrations';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { RawTopicsModule } from './raw-topics/raw-topics.module';
import { SurveysController } from './surveys/surveys.controller';

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'ingest', config: IngestConfig }),
    PersistenceModule.forRoot({ schema: 'ingest', entities: [], migrations: ingestMigrations }),
    AccessModule.forRoot(),
    MessagingModule.forRoot({ produces: [Topics.Cases, Topics.Surveys, Topics.CustomerErasures] }),
    IntakeModule,
    PersonalDataModule,
    RawTopicsModule,
  ],
  controllers: [CasesController, SurveysController],
})
export class AppModule {}

import { AccessModule } from '@supportlens/access';
import { Module } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { MessagingModule } from '@supportlens/messaging';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { ClassificationModule } from './classification/classification.module';
import { ClassifierConfig } from './config/classifier.config';
import { classifierMigrations } from './migrations';

@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'classifier', config: ClassifierConfig }),
    PersistenceModule.forRoot({ schema: 'classifier', entities: [], migrations: classifierMigrations }),
    AccessModule.forRoot(),
    MessagingModule.forRoot({ produces: [Topics.CasesClassified] }),
    ClassificationModule,
  ],
})
export class AppModule {}

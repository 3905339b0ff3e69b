import { Module } from '@nestjs/common';
import { ErasureOutbox } from './erasure-outbox';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataRepository } from './personal-data.repository';

/** Customers' names and e-mails: stored by intake, read and erased through this feature's API. */
@Module({
  providers: [PersonalDataRepository, ErasureOutbox],
  controllers: [PersonalDataController],
  exports: [PersonalDataRepository],
})
export class PersonalDataModule {}

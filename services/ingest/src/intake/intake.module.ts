import { Module } from '@nestjs/common';
import { PublishedEventsRepository } from '../idempotency/published-events.repository';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { HttpIntake } from './http-intake';
import { IntakeService } from './intake.service';

@Module({
  imports: [PersonalDataModule],
  providers: [IntakeService, HttpIntake, PublishedEventsRepository],
  exports: [IntakeService, HttpIntake],
})
export class IntakeModule {}

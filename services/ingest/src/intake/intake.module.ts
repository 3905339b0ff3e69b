import { Module } from '@nestjs/common';
import { PublishedEventsRepository } from '../idempotency/published-events.repository';
import { HttpIntake } from './http-intake';
import { IntakeService } from './intake.service';

@Module({
  providers: [IntakeService, HttpIntake, PublishedEventsRepository],
  exports: [IntakeService, HttpIntake],
})
export class IntakeModule {}

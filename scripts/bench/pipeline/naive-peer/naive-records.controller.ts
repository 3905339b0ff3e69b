import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NaiveRecord } from './naive-record.entity';
import { NAIVE_TOPICS } from './naive-topics';

interface RawCase {
  caseId: string;
  updatedAt: string;
  customer: { id: string };
}

interface RawSurvey {
  responseId: string;
  updatedAt: string;
  customer: { id: string };
}

/**
 * The same job as the floor, written the way a NestJS team typically first writes it: the built-in
 * Kafka transport calls a handler per message, which saves one entity through the repository
 * (`save()`: a SELECT, then an INSERT, in a transaction of its own).
 */
@Controller()
export class NaiveRecordsController {
  constructor(@InjectRepository(NaiveRecord) private readonly records: Repository<NaiveRecord>) {}

  @EventPattern(NAIVE_TOPICS.tickets)
  async onTicket(@Payload() ticket: RawCase): Promise<void> {
    await this.records.save(
      this.records.create({
        kind: 'case',
        recordId: ticket.caseId,
        updatedAt: new Date(ticket.updatedAt),
        customerId: ticket.customer.id,
        data: ticket,
      }),
    );
  }

  @EventPattern(NAIVE_TOPICS.surveys)
  async onSurvey(@Payload() survey: RawSurvey): Promise<void> {
    await this.records.save(
      this.records.create({
        kind: 'survey',
        recordId: survey.responseId,
        updatedAt: new Date(survey.updatedAt),
        customerId: survey.customer.id,
        data: survey,
      }),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { SupportCase } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { IntakeService } from '../intake/intake.service';
import { brokerTime } from './broker-time';
import { CaseKind } from '../intake/domain/record-kinds';

/** Tickets that help desks publish straight to Kafka instead of calling the HTTP API. */
@Injectable()
export class RawTicketsHandler implements BatchHandler<SupportCase> {
  constructor(private readonly intake: IntakeService) {}

  async handleBatch(batch: InboundBatch<SupportCase>): Promise<void> {
    await this.intake.accept(
      CaseKind,
      batch.events.map((event) => event.data),
      batch.events.map((event) => brokerTime(event) ?? new Date()),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { SupportCase } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { brokerTime } from './broker-time';
import { RawIntakeRounds } from './raw-intake-rounds';
import { CaseKind } from '../intake/domain/record-kinds';

/** Tickets that help desks publish straight to Kafka instead of calling the HTTP API. */
@Injectable()
export class RawTicketsHandler implements BatchHandler<SupportCase> {
  constructor(private readonly rounds: RawIntakeRounds) {}

  async handleBatch(batch: InboundBatch<SupportCase>): Promise<void> {
    await this.rounds.accept(
      CaseKind,
      batch.events.map((event) => ({ record: event.data, receivedAt: brokerTime(event) ?? new Date() })),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { SurveyResponse } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { brokerTime } from './broker-time';
import { RawIntakeRounds } from './raw-intake-rounds';
import { SurveyKind } from '../intake/domain/record-kinds';

/** Survey responses that survey tools publish straight to Kafka. */
@Injectable()
export class RawSurveysHandler implements BatchHandler<SurveyResponse> {
  constructor(private readonly rounds: RawIntakeRounds) {}

  async handleBatch(batch: InboundBatch<SurveyResponse>): Promise<void> {
    await this.rounds.accept(
      SurveyKind,
      batch.events.map((event) => ({ record: event.data, receivedAt: brokerTime(event) ?? new Date() })),
    );
  }
}

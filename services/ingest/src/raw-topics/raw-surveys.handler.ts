import { Injectable } from '@nestjs/common';
import { SurveyResponse } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { IntakeService } from '../intake/intake.service';
import { brokerTime } from './broker-time';
import { SurveyKind } from '../intake/domain/record-kinds';

/** Survey responses that survey tools publish straight to Kafka. */
@Injectable()
export class RawSurveysHandler implements BatchHandler<SurveyResponse> {
  constructor(private readonly intake: IntakeService) {}

  async handleBatch(batch: InboundBatch<SurveyResponse>): Promise<void> {
    await this.intake.accept(
      SurveyKind,
      batch.events.map((event) => event.data),
      batch.events.map((event) => brokerTime(event) ?? new Date()),
    );
  }
}

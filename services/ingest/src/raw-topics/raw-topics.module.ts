import { Module } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { batchConsumerProvider } from '@supportlens/messaging';
import { IntakeModule } from '../intake/intake.module';
import { CaseKind, SurveyKind } from '../intake/domain/record-kinds';
import { redactRawRecord } from '../personal-data/domain/redact-raw-record';
import { rawRecordParser } from './raw-record-parser';
import { RawIntakeRounds } from './raw-intake-rounds';
import { RawSurveysHandler } from './raw-surveys.handler';
import { RawTicketsHandler } from './raw-tickets.handler';

/**
 * A raw message that fails validation is dead-lettered, and it may carry the customer's name and
 * e-mail: those never reach the DLQ (the reason in the headers is kept).
 */
const personalDataRedaction = { redactValue: redactRawRecord, label: 'personal-data' };

@Module({
  imports: [IntakeModule],
  providers: [
    RawIntakeRounds,
    RawTicketsHandler,
    RawSurveysHandler,
    // Other systems publish plain JSON: CloudEvents headers are welcome but not required.
    batchConsumerProvider({
      name: 'raw-tickets',
      topic: Topics.TicketsRaw,
      parse: rawRecordParser(CaseKind),
      handler: RawTicketsHandler,
      requireCloudEvent: false,
      deadLetterRedaction: personalDataRedaction,
    }),
    batchConsumerProvider({
      name: 'raw-surveys',
      topic: Topics.SurveysRaw,
      parse: rawRecordParser(SurveyKind),
      handler: RawSurveysHandler,
      requireCloudEvent: false,
      deadLetterRedaction: personalDataRedaction,
    }),
  ],
})
export class RawTopicsModule {}

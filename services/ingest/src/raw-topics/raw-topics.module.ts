import { Module } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { batchConsumerProvider } from '@supportlens/messaging';
import { IntakeModule } from '../intake/intake.module';
import { CaseKind, SurveyKind } from '../intake/domain/record-kinds';
import { rawRecordParser } from './raw-record-parser';
import { RawSurveysHandler } from './raw-surveys.handler';
import { RawTicketsHandler } from './raw-tickets.handler';

@Module({
  imports: [IntakeModule],
  providers: [
    RawTicketsHandler,
    RawSurveysHandler,
    // Other systems publish plain JSON: CloudEvents headers are welcome but not required.
    batchConsumerProvider({
      name: 'raw-tickets',
      topic: Topics.TicketsRaw,
      parse: rawRecordParser(CaseKind),
      handler: RawTicketsHandler,
      requireCloudEvent: false,
    }),
    batchConsumerProvider({
      name: 'raw-surveys',
      topic: Topics.SurveysRaw,
      parse: rawRecordParser(SurveyKind),
      handler: RawSurveysHandler,
      requireCloudEvent: false,
    }),
  ],
})
export class RawTopicsModule {}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { HttpIntake, IntakeReceipt } from '../intake/http-intake';
import { SurveyKind } from '../intake/domain/record-kinds';

@Controller('v1/surveys')
export class SurveysController {
  constructor(private readonly intake: HttpIntake) {}

  /** One survey response or an array of them. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  receive(@Body() body: unknown): Promise<IntakeReceipt> {
    return this.intake.receive(SurveyKind, body);
  }
}

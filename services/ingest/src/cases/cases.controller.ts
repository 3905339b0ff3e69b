import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { HttpIntake, IntakeReceipt } from '../intake/http-intake';
import { CaseKind } from '../intake/domain/record-kinds';

@Controller('v1/cases')
export class CasesController {
  constructor(private readonly intake: HttpIntake) {}

  /** One case or an array of them; validated against the case contract by intake, not by a DTO pipe. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  receive(@Body() body: unknown): Promise<IntakeReceipt> {
    return this.intake.receive(CaseKind, body);
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { RequiresScope } from '@supportlens/platform';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HttpIntake, IntakeReceipt } from '../intake/http-intake';
import { CaseKind } from '../intake/domain/record-kinds';
import { contractSchema, INTAKE_RECEIPT_SCHEMA, oneOrMany } from '../intake/intake.openapi';

@ApiTags('intake')
@RequiresScope('ingest:write')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly intake: HttpIntake) {}

  /** One case or an array of them; validated against the case contract by intake, not by a DTO pipe. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send support cases',
    description:
      'One case or an array of them (up to INGEST_MAX_BATCH_ITEMS), validated against the case contract and published on support.cases.v1, keyed by customer id. A new version of a case (same caseId, new content) is applied as an update; the same version again is recognised as a duplicate. Unknown properties are dropped.',
  })
  @ApiBody({ schema: oneOrMany(contractSchema('SupportCase'), 'cases') })
  @ApiAcceptedResponse({
    description: 'Every record accepted: each with its event id, and whether it was a duplicate.',
    schema: INTAKE_RECEIPT_SCHEMA,
  })
  @ApiBadRequestResponse({
    description:
      'problem+json naming each bad field (`[3].customer.id`); the valid records of the batch were still accepted and are listed under `accepted`.',
  })
  @ApiServiceUnavailableResponse({
    description:
      'Kafka did not acknowledge: nothing is reported accepted; resend (duplicates are recognised).',
  })
  receive(@Body() body: unknown): Promise<IntakeReceipt> {
    return this.intake.receive(CaseKind, body);
  }
}

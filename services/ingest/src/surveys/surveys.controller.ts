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
import { SurveyKind } from '../intake/domain/record-kinds';
import { contractSchema, INTAKE_RECEIPT_SCHEMA, oneOrMany } from '../intake/intake.openapi';

@ApiTags('intake')
@RequiresScope('ingest:write')
@Controller('v1/surveys')
export class SurveysController {
  constructor(private readonly intake: HttpIntake) {}

  /** One survey response or an array of them. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send survey responses',
    description:
      'One survey response or an array of them (up to INGEST_MAX_BATCH_ITEMS), validated against the survey-response contract and published on support.surveys.v1, keyed by customer id. The same version again is recognised as a duplicate. Unknown properties are dropped.',
  })
  @ApiBody({ schema: oneOrMany(contractSchema('SurveyResponse'), 'survey responses') })
  @ApiAcceptedResponse({
    description: 'Every record accepted: each with its event id, and whether it was a duplicate.',
    schema: INTAKE_RECEIPT_SCHEMA,
  })
  @ApiBadRequestResponse({
    description:
      'problem+json naming each bad field (`[0].csat`); the valid records of the batch were still accepted and are listed under `accepted`.',
  })
  @ApiServiceUnavailableResponse({
    description:
      'Kafka did not acknowledge: nothing is reported accepted; resend (duplicates are recognised).',
  })
  receive(@Body() body: unknown): Promise<IntakeReceipt> {
    return this.intake.receive(SurveyKind, body);
  }
}

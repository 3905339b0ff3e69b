import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  NotFoundException,
  Param,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { isTransientDatabaseError } from '@supportlens/persistence';
import { ProblemException, RequiresScope, ServiceUnavailableProblemException } from '@supportlens/platform';
import { customerIdViolations } from './domain/customer-id-violations';
import { ErasureOutbox } from './erasure-outbox';
import { ERASURE_RECEIPT_SCHEMA, PERSONAL_DATA_SCHEMA } from './personal-data.openapi';
import { PersonalDataRepository } from './personal-data.repository';

export interface PersonalDataView {
  customerId: string;
  name: string | null;
  email: string | null;
  updatedAt: string;
}

export interface ErasureReceipt {
  customerId: string;
  erasedAt: string;
}

/**
 * Contact details leave SupportLens only here, to a key holding `personal-data:read` (marketing's);
 * every event, log and read model carries the customer id alone.
 */
@ApiTags('personal data')
@Controller('v1/customers/:id/personal-data')
export class PersonalDataController {
  private readonly logger = new Logger(PersonalDataController.name);

  constructor(
    private readonly repository: PersonalDataRepository,
    private readonly outbox: ErasureOutbox,
  ) {}

  @Get()
  @RequiresScope('personal-data:read')
  @ApiOperation({
    summary: 'A customer’s contact details',
    description:
      'The name and e-mail of the customer, from the newest records that carried them. Nowhere else in SupportLens holds them: events, dead letters, logs and read models carry the customer id only.',
  })
  @ApiParam({
    name: 'id',
    description: 'The customer id the help desk and survey tool send.',
    example: 'cust-42',
  })
  @ApiOkResponse({ description: 'The contact details.', schema: PERSONAL_DATA_SCHEMA })
  @ApiNotFoundResponse({ description: 'None are held: never received, or erased (problem+json).' })
  @ApiServiceUnavailableResponse({ description: 'Postgres is away; retry (problem+json, Retry-After).' })
  async find(@Param('id') id: string): Promise<PersonalDataView> {
    assertCustomerId(id);
    const stored = await this.database(() => this.repository.find(id));
    if (!stored) throw new NotFoundException(`no personal data is held for customer ${id}`);
    return { ...stored, updatedAt: stored.updatedAt.toISOString() };
  }

  @Delete()
  @HttpCode(HttpStatus.ACCEPTED)
  @RequiresScope('personal-data:erase')
  @ApiOperation({
    summary: 'Erase a customer’s personal data',
    description:
      'Deletes the name and e-mail held for the customer and announces the erasure on support.customers.erasures.v1, on which the other services scrub the free text they hold of the customer. A record of the customer dated up to the erasure (a replay, a late re-send) never brings anything back; a newer one is stored as usual. An unknown customer is erased all the same: their records may still be on their way. The erasure is recorded before the answer; when Kafka is away its event follows as soon as Kafka is back.',
  })
  @ApiParam({ name: 'id', description: 'The customer id.', example: 'cust-42' })
  @ApiAcceptedResponse({
    description: 'Erased and recorded; the event is published or pending.',
    schema: ERASURE_RECEIPT_SCHEMA,
  })
  @ApiBadRequestResponse({ description: 'The id is not one a customer can have (problem+json).' })
  @ApiServiceUnavailableResponse({
    description: 'Postgres is away: nothing was erased; retry (problem+json, Retry-After).',
  })
  async erase(@Param('id') id: string): Promise<ErasureReceipt> {
    assertCustomerId(id);
    const erasure = await this.database(() => this.repository.erase(id));
    // Committed: the answer does not depend on Kafka, the outbox timer publishes what this cannot.
    await this.outbox
      .publish([erasure])
      .catch((error: Error) =>
        this.logger.warn(
          `erasure recorded, its event is pending (${error.message}); the outbox will publish it`,
        ),
      );
    return { customerId: id, erasedAt: erasure.erasedAt.toISOString() };
  }

  /** A database that is away is a 503 the client may retry, not a 500. */
  private async database<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        throw new ServiceUnavailableProblemException('The database is unavailable. Retry later.', {
          retryAfterSeconds: 5,
          cause: error,
        });
      }
      throw error;
    }
  }
}

function assertCustomerId(id: string): void {
  const violations = customerIdViolations(id);
  if (violations.length === 0) return;
  throw new ProblemException({
    status: 400,
    type: 'validation-error',
    title: 'Validation failed',
    detail: violations.map((violation) => violation.message).join('; '),
    extensions: { errors: violations },
  });
}

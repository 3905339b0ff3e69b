import { Injectable } from '@nestjs/common';
import { isPermanentKafkaRefusal } from '@supportlens/messaging';
import { CallCoalescer, ProblemException, ServiceUnavailableProblemException } from '@supportlens/platform';
import { IngestConfig } from '../config/ingest.config';
import { PersonalDataUnavailableError } from '../personal-data/personal-data-unavailable.error';
import { KafkaUnavailableError } from '../publishing/publish-within';
import { AcceptedRecord, IntakeService } from './intake.service';
import { parseRecords } from './domain/parse-records';
import { RecordKind } from './domain/record-kinds';

/**
 * Accepts in flight at once per record kind: enough to overlap the database and Kafka round trips of
 * large batches, few enough that small requests queue and are accepted together.
 */
const FLUSHES_AT_ONCE = 4;

export interface IntakeReceipt {
  accepted: AcceptedRecord[];
}

/**
 * The HTTP face of intake. All valid → 202 with the accepted ids. Any invalid → 400 problem+json
 * naming each bad field, with the valid records of the same batch still accepted and listed under
 * `accepted` (so a client resends only what failed). Kafka away, or Postgres unable to store the
 * contact details → 503 and nothing reported accepted. Records of requests that arrive together are
 * accepted together: one database round and one produce for many small requests.
 */
@Injectable()
export class HttpIntake {
  /** Per record kind: concurrent requests' records accepted together (see CallCoalescer). */
  private readonly coalescers = new Map<string, CallCoalescer<object, AcceptedRecord>>();

  constructor(
    private readonly intake: IntakeService,
    private readonly config: IngestConfig,
  ) {}

  async receive<T extends object>(kind: RecordKind<T>, body: unknown): Promise<IntakeReceipt> {
    const parsed = parseRecords(kind, body, this.config.INGEST_MAX_BATCH_ITEMS);
    let accepted: AcceptedRecord[] = [];
    try {
      accepted =
        parsed.valid.length === 0
          ? []
          : await this.coalescerFor(kind).submit(parsed.valid.map((entry) => entry.record));
    } catch (error) {
      if (error instanceof KafkaUnavailableError) {
        // A timed-out send may still land: "not confirmed", not "not accepted". A resend is safe,
        // since the same record version keeps its event id and is recognised downstream.
        throw new ServiceUnavailableProblemException(
          `${error.message}; the records were not confirmed. Resend them: duplicates are recognised.`,
          {
            retryAfterSeconds: 5,
            cause: error,
          },
        );
      }
      if (error instanceof PersonalDataUnavailableError) {
        // Nothing was published: a record never leaves ingest while its contact details are not stored.
        throw new ServiceUnavailableProblemException(
          'The records could not be stored; none was published. Resend them.',
          { retryAfterSeconds: 5, cause: error },
        );
      }
      if (isPermanentKafkaRefusal(error)) {
        // The same records would be refused again: not a 503 to retry, nor a 500.
        throw new ProblemException({
          status: 422,
          type: 'refused-by-kafka',
          title: 'Kafka refused the records',
          detail: `${(error as Error).message}; none of the records was published.`,
        });
      }
      throw error;
    }
    if (parsed.violations.length > 0) {
      const rejected = new Set(
        parsed.violations.map((violation) => violation.field.match(/^\[(\d+)\]/)?.[1]),
      );
      throw new ProblemException({
        status: 400,
        type: 'validation-error',
        title: 'Validation failed',
        detail:
          accepted.length > 0
            ? `${rejected.size} of the ${rejected.size + accepted.length} records are invalid; the other ${accepted.length} were accepted.`
            : `The request has ${parsed.violations.length} invalid ${parsed.violations.length === 1 ? 'field' : 'fields'}.`,
        extensions: { errors: parsed.violations, accepted },
      });
    }
    return { accepted };
  }

  private coalescerFor<T extends object>(kind: RecordKind<T>): CallCoalescer<object, AcceptedRecord> {
    let coalescer = this.coalescers.get(kind.name);
    if (!coalescer) {
      coalescer = new CallCoalescer<object, AcceptedRecord>(
        (records) => this.intake.accept(kind, records as T[]),
        {
          maxItems: this.config.INGEST_MAX_BATCH_ITEMS,
          maxConcurrent: FLUSHES_AT_ONCE,
          sharedFailure: (error) =>
            error instanceof KafkaUnavailableError || error instanceof PersonalDataUnavailableError,
        },
      );
      this.coalescers.set(kind.name, coalescer);
    }
    return coalescer;
  }
}

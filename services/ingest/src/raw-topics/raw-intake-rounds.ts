import { Injectable } from '@nestjs/common';
import { isTransientFailure } from '@supportlens/messaging';
import { isLockTableFull } from '@supportlens/persistence';
import { CallCoalescer } from '@supportlens/platform';
import { AcceptedRecord, IntakeService } from '../intake/intake.service';
import { RecordKind } from '../intake/domain/record-kinds';

/**
 * The most records one round accepts (a larger partition batch goes in consecutive parts): storing
 * their contact details takes one advisory lock per customer, which must fit Postgres' lock table.
 */
const MAX_RECORDS_PER_ROUND = 1_500;

/** A raw record and when it reached the broker (its version time when it has no `updatedAt`). */
export interface RawRecord<T> {
  record: T;
  receivedAt: Date;
}

/**
 * The raw topics' partition batches of one fetch (kafkajs hands them over in the same turn of the
 * event loop) accepted as one round per record kind: one contact-details transaction, one idempotency
 * lookup, one produce and one idempotency insert, instead of one of each per partition, each paying a
 * Postgres commit and a broker round trip. Each partition's batch still commits its own offset after
 * the round (a round takes up to 1,500 records; a larger fetch goes in several). Kafka or Postgres away
 * fails every batch of the round (their consumers retry); any other failure, such as a value Postgres
 * refuses or a record the broker refuses for good (publishWithin), re-runs each batch alone, so only
 * the guilty record is isolated and dead-lettered.
 */
@Injectable()
export class RawIntakeRounds {
  private readonly rounds = new Map<string, CallCoalescer<RawRecord<object>, AcceptedRecord>>();

  constructor(private readonly intake: IntakeService) {}

  async accept<T extends object>(kind: RecordKind<T>, records: RawRecord<T>[]): Promise<void> {
    await this.roundsOf(kind).submit(records);
  }

  private roundsOf<T extends object>(kind: RecordKind<T>): CallCoalescer<RawRecord<object>, AcceptedRecord> {
    let rounds = this.rounds.get(kind.name);
    if (!rounds) {
      rounds = new CallCoalescer<RawRecord<object>, AcceptedRecord>(
        (records) =>
          this.intake.accept(
            kind,
            records.map((entry) => entry.record as T),
            records.map((entry) => entry.receivedAt),
          ),
        {
          maxItems: MAX_RECORDS_PER_ROUND,
          maxConcurrent: 1,
          // Kafka or Postgres away (KafkaUnavailableError, PersonalDataUnavailableError are transient);
          // a full lock table may be this round's own doing: its batches are then retried one by one.
          sharedFailure: (error) => isTransientFailure(error) && !isLockTableFull(error),
          gatherWithinTick: true,
        },
      );
      this.rounds.set(kind.name, rounds);
    }
    return rounds;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { EventPublisher, outboundEvent, OutboundEvent } from '@supportlens/messaging';
import { IngestConfig } from '../config/ingest.config';
import { PublishedEventsRepository } from '../idempotency/published-events.repository';
import { ContactDetails, separatePersonalData } from '../personal-data/domain/separate-personal-data';
import { PersonalDataRepository } from '../personal-data/personal-data.repository';
import { INGEST_SOURCE } from '../publishing/ingest-source';
import { publishWithin } from '../publishing/publish-within';
import { eventIdOf, RecordKind } from './domain/record-kinds';

export interface AcceptedRecord {
  id: string;
  eventId: string;
  /** True when this exact version was accepted before: nothing new was published for it. */
  duplicate: boolean;
}

/** A record as it leaves ingest, with what was taken out of it and the facts about its version. */
interface Prepared<T> {
  record: T;
  contact: ContactDetails | undefined;
  eventId: string;
  versionTime: string;
}

/**
 * Hands valid records to Kafka, keyed by customer, once per record version.
 *
 * Personal data stays here: each record's customer name and e-mail are stored in ingest's
 * personal-data table and the record is published without them, its free text masked. Storing them
 * is part of accepting: when Postgres cannot, nothing is published (PersonalDataUnavailableError,
 * transient). The idempotency table only saves re-publishing: when it is away ingest still publishes
 * (downstream handlers dedupe by event id). When Kafka does not acknowledge, nothing is reported as
 * accepted.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly publishedEvents: PublishedEventsRepository,
    private readonly personalData: PersonalDataRepository,
    private readonly config: IngestConfig,
  ) {}

  /**
   * `receivedAt[i]` is when record i reached SupportLens (a raw message's broker timestamp, so a
   * replay of the topic dates it as before); it is the version time of a record without `updatedAt`.
   * Missing entries mean now.
   */
  async accept<T extends object>(
    kind: RecordKind<T>,
    records: T[],
    receivedAt: readonly Date[] = [],
  ): Promise<AcceptedRecord[]> {
    const now = new Date();
    const prepared = records.map((original, index): Prepared<T> => {
      // Stripped and masked before the id is computed: the id names what is published.
      const { published, contact } = separatePersonalData(original, kind.freeTextFields);
      return {
        record: published,
        contact,
        eventId: eventIdOf(kind, published),
        versionTime: kind.versionTime(published, receivedAt[index] ?? now),
      };
    });

    // Before anything is published, also for duplicates: the same version may bring new contact details.
    await this.personalData.storeContacts(
      prepared
        .filter((entry) => entry.contact !== undefined)
        .map((entry) => ({
          customerId: kind.customerId(entry.record),
          ...entry.contact,
          versionTime: entry.versionTime,
        })),
    );

    const alreadyPublished = await this.publishedEvents
      .findPublished(prepared.map((entry) => entry.eventId))
      .catch((error: Error) => {
        this.logger.warn(`idempotency lookup failed, publishing all: ${error.message}`);
        return new Set<string>();
      });

    const fresh = new Map<string, Prepared<T>>();
    for (const entry of prepared) {
      if (!alreadyPublished.has(entry.eventId)) fresh.set(entry.eventId, entry);
    }
    await publishWithin(
      this.publisher,
      [...fresh.values()].map((entry) => this.toEvent(kind, entry)),
      this.config.INGEST_PUBLISH_TIMEOUT_MS,
    );

    await this.publishedEvents
      .recordPublished(
        [...fresh.values()].map(({ eventId, record }) => ({
          eventId,
          kind: kind.name,
          source: (record as { source: string }).source,
          recordId: kind.recordId(record),
          customerId: kind.customerId(record),
        })),
      )
      .catch((error: Error) => this.logger.warn(`could not record idempotency keys: ${error.message}`));

    return prepared.map(({ record, eventId }) => ({
      id: kind.recordId(record),
      eventId,
      duplicate: alreadyPublished.has(eventId),
    }));
  }

  private toEvent<T extends object>(kind: RecordKind<T>, entry: Prepared<T>): OutboundEvent {
    return outboundEvent({
      contract: kind.contract,
      id: entry.eventId,
      source: INGEST_SOURCE,
      subject: kind.customerId(entry.record),
      time: entry.versionTime,
      data: entry.record,
    });
  }
}

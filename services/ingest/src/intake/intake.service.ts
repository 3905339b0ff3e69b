import { Injectable, Logger } from '@nestjs/common';
import { EventPublisher, outboundEvent, OutboundEvent } from '@supportlens/messaging';
import { IngestConfig } from '../config/ingest.config';
import { PublishedEventsRepository } from '../idempotency/published-events.repository';
import { eventIdOf, RecordKind } from './domain/record-kinds';

export const INGEST_SOURCE = '/supportlens/ingest';

export interface AcceptedRecord {
  id: string;
  eventId: string;
  /** True when this exact version was accepted before: nothing new was published for it. */
  duplicate: boolean;
}

/** Transient by nature: the raw-topic consumers retry it for as long as Kafka is away. */
export class KafkaUnavailableError extends Error {
  readonly transient = true;
}

/**
 * Hands valid records to Kafka, keyed by customer, once per record version. The idempotency table
 * only saves re-publishing: when Postgres is away ingest still accepts (downstream handlers dedupe by
 * event id), but when Kafka does not acknowledge, nothing is reported as accepted.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly publishedEvents: PublishedEventsRepository,
    private readonly config: IngestConfig,
  ) {}

  async accept<T extends object>(kind: RecordKind<T>, records: T[]): Promise<AcceptedRecord[]> {
    const receivedAt = new Date();
    const withIds = records.map((record) => ({ record, eventId: eventIdOf(kind, record) }));
    const alreadyPublished = await this.publishedEvents
      .findPublished(withIds.map((entry) => entry.eventId))
      .catch((error: Error) => {
        this.logger.warn(`idempotency lookup failed, publishing all: ${error.message}`);
        return new Set<string>();
      });

    const fresh = new Map<string, T>();
    for (const { record, eventId } of withIds) {
      if (!alreadyPublished.has(eventId)) fresh.set(eventId, record);
    }
    await this.publish(
      [...fresh].map(([eventId, record]) => this.toEvent(kind, eventId, record, receivedAt)),
    );

    await this.publishedEvents
      .recordPublished(
        [...fresh].map(([eventId, record]) => ({
          eventId,
          kind: kind.name,
          source: (record as { source: string }).source,
          recordId: kind.recordId(record),
          customerId: kind.customerId(record),
        })),
      )
      .catch((error: Error) => this.logger.warn(`could not record idempotency keys: ${error.message}`));

    return withIds.map(({ record, eventId }) => ({
      id: kind.recordId(record),
      eventId,
      duplicate: alreadyPublished.has(eventId),
    }));
  }

  private toEvent<T extends object>(
    kind: RecordKind<T>,
    eventId: string,
    record: T,
    receivedAt: Date,
  ): OutboundEvent {
    return outboundEvent({
      contract: kind.contract,
      id: eventId,
      source: INGEST_SOURCE,
      subject: kind.customerId(record),
      time: kind.versionTime(record, receivedAt),
      data: record,
    });
  }

  private async publish(events: OutboundEvent[]): Promise<void> {
    if (events.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new KafkaUnavailableError(
              `Kafka did not acknowledge within ${this.config.INGEST_PUBLISH_TIMEOUT_MS} ms`,
            ),
          ),
        this.config.INGEST_PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.publisher.publish(events), timeout]);
    } catch (error) {
      if (error instanceof KafkaUnavailableError) throw error;
      throw new KafkaUnavailableError(`Kafka refused the events: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

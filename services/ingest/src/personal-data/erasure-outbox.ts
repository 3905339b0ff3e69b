import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventContracts } from '@supportlens/contracts';
import { EventPublisher, outboundEvent, OutboundEvent } from '@supportlens/messaging';
import { IngestConfig } from '../config/ingest.config';
import { INGEST_SOURCE } from '../publishing/ingest-source';
import { publishWithin } from '../publishing/publish-within';
import { erasureEventId } from './domain/erasure-event-id';
import { Erasure, PersonalDataRepository } from './personal-data.repository';

/** Most erasures published in one produce; a round goes on until none is pending. */
const PUBLISH_LIMIT = 500;

/**
 * Gets every recorded erasure onto `support.customers.erasures.v1`. The DELETE request publishes its
 * erasure straight after the commit; whatever did not make it (Kafka away, a crash in between) is
 * still unpublished in the table, and this outbox publishes it at start and on a timer. A re-publish
 * carries the same event id, which consumers drop as a duplicate.
 */
@Injectable()
export class ErasureOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ErasureOutbox.name);
  private timer?: NodeJS.Timeout;
  /** The round in progress in this process; the next one starts after it. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: PersonalDataRepository,
    private readonly publisher: EventPublisher,
    private readonly config: IngestConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a start must not wait for Kafka; the round is awaited at shutdown.
    this.publishPendingLogged();
    this.timer = setInterval(
      () => this.publishPendingLogged(),
      this.config.INGEST_ERASURE_PUBLISH_INTERVAL_MS,
    );
    this.timer.unref();
  }

  /** Before the producer and the database close. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.publishing.catch(() => undefined);
  }

  /** Publishes these erasures and marks them published; rejects when Kafka does not acknowledge. */
  async publish(erasures: readonly Erasure[]): Promise<void> {
    if (erasures.length === 0) return;
    await publishWithin(this.publisher, erasures.map(toEvent), this.config.INGEST_PUBLISH_TIMEOUT_MS);
    await this.repository.markPublished(erasures);
  }

  /** Publishes every pending erasure, one round at a time in this process. */
  publishPending(): Promise<void> {
    const run = this.publishing.catch(() => undefined).then(() => this.publishRounds());
    this.publishing = run;
    return run;
  }

  private async publishRounds(): Promise<void> {
    for (;;) {
      const pending = await this.repository.unpublishedErasures(PUBLISH_LIMIT);
      await this.publish(pending);
      if (pending.length > 0) this.logger.log(`published ${pending.length} pending erasure(s)`);
      if (pending.length < PUBLISH_LIMIT) return;
    }
  }

  private publishPendingLogged(): void {
    this.publishPending().catch((error: Error) =>
      this.logger.warn(`could not publish pending erasures, retrying later: ${error.message}`),
    );
  }
}

function toEvent(erasure: Erasure): OutboundEvent {
  const erasedAt = erasure.erasedAt.toISOString();
  return outboundEvent({
    contract: EventContracts.CustomerErasure,
    id: erasureEventId(erasure.customerId, erasedAt),
    source: INGEST_SOURCE,
    subject: erasure.customerId,
    time: erasedAt,
    data: { customerId: erasure.customerId, erasedAt },
  });
}

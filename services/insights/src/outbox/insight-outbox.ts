import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventContract, EventContracts } from '@supportlens/contracts';
import { EventPublisher, outboundEvent } from '@supportlens/messaging';
import { BulkColumn, bulkUpsert } from '@supportlens/persistence';
import { DataSource, EntityManager } from 'typeorm';

/** Most events published per round (one produce); a call runs rounds until the outbox is drained. */
const PUBLISH_LIMIT = 500;
/** A call stops after this many rounds so that one caller is never held for long; the timer goes on. */
const MAX_ROUNDS = 20;
/** How often pending events are looked for when no batch arrives (a failed publish, a quiet input). */
const PUBLISH_INTERVAL_MS = 5_000;
/** Sent events are kept this long (to look into), then deleted. */
const SENT_RETENTION = '7 days';
/** One publisher at a time across every instance: a transaction-scoped advisory lock on this. */
const PUBLISHER_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('insights.insight_outbox', 0))`;

/** The CloudEvents `source` of an insight kind's events: `/supportlens/insights/churn-risk`… */
export function insightSource(topic: string): string {
  return `/supportlens/insights/${topic.replace(/^marketing\.insights\./, '').replace(/\.v\d+$/, '')}`;
}

/** One insight event to publish after the transaction that decided it commits. */
export interface OutboxEvent<T extends object = object> {
  contract: EventContract<T>;
  /** Deterministic: derived from the insight's key and its sequence, so a re-publish carries the same id. */
  eventId: string;
  /** The Kafka key and the CloudEvents subject: a customer id, an issue code, a segment… */
  key: string;
  /** The key's changes counted from 1: one key's events are published in this order. */
  sequence: number;
  /** The time of the facts the insight was computed from (never the wall clock: replays agree). */
  time: Date;
  data: T;
}

interface OutboxRow {
  event_id: string;
  topic: string;
  key: string;
  sequence: number;
  event_time: Date;
  data: object;
}

const CONTRACT_BY_TOPIC = new Map<string, EventContract>(
  Object.values(EventContracts).map((contract) => [contract.topic, contract as EventContract]),
);

/**
 * The transactional outbox of every insight kind. Detectors `enqueue` their events inside the
 * ReadModelWriter's transaction, so an event exists exactly when the state it announces committed;
 * `publishPending` sends them after the commit (and after every later batch until sent, and at
 * start). An event published before the commit could announce a state that then rolls back, and one
 * published after a commit that a crash then interrupts would never be sent.
 *
 * One publisher at a time across every instance (a transaction-scoped advisory lock) and one round
 * at a time in this process: two publishing at once would send an event twice or one key's events
 * out of order. A crash between the produce and `sent_at` re-sends the same ids, which consumers drop.
 * A failed publish never holds up the input consumers: the writer logs it and a timer retries.
 */
@Injectable()
export class InsightOutbox
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(InsightOutbox.name);
  private timer?: NodeJS.Timeout;
  /** The publish in progress in this process; the next one starts after it. */
  private publishing: Promise<void> = Promise.resolve();
  /** The publish waiting for it, if any: later callers join it (it reads every event pending when it starts). */
  private queued?: Promise<void>;
  /** Shut down: the producer and the database are closing. */
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publishPending().catch((error: Error) =>
      this.logger.warn(`could not publish pending insight events at start: ${error.message}`),
    );
    this.timer = setInterval(() => {
      this.publishPending().catch((error: Error) =>
        this.logger.warn(`could not publish pending insight events: ${error.message}`),
      );
    }, PUBLISH_INTERVAL_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * After the consumers drained (beforeApplicationShutdown: their last writes may start a publish
   * late) and before the producer and the database close (global modules shut down last): waits
   * until no publish is left running.
   */
  async onApplicationShutdown(): Promise<void> {
    let awaited: Promise<void>;
    do {
      awaited = this.publishing;
      await awaited.catch(() => undefined);
    } while (awaited !== this.publishing);
    // Anything asked for later waits in the outbox for the next start.
    this.closed = true;
  }

  async enqueue(manager: EntityManager, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    await bulkUpsert(manager, {
      table: 'insights.insight_outbox',
      columns: OUTBOX_COLUMNS,
      rows: events.map((event) => ({
        event_id: event.eventId,
        topic: event.contract.topic,
        key: event.key,
        sequence: event.sequence,
        event_time: event.time,
        data: event.data,
      })),
      conflictColumns: ['event_id'],
      updateColumns: [],
    });
  }

  /**
   * Removes these example phrasings from the events held for a topic (pending ones, and sent ones
   * kept to look into), in one statement in the caller's transaction. Under the publisher's lock: a
   * round either sent an event before this (the broker has it, as it had before the erasure) or sends
   * it without them. Returns how many events changed.
   */
  async removeExamples(manager: EntityManager, topic: string, examples: readonly string[]): Promise<number> {
    if (examples.length === 0) return 0;
    await manager.query(PUBLISHER_LOCK_SQL);
    const [, changed] = (await manager.query(
      `UPDATE insights.insight_outbox
       SET data = jsonb_set(data, '{examples}', (data -> 'examples') - $2::text[])
       WHERE topic = $1 AND jsonb_typeof(data -> 'examples') = 'array' AND data -> 'examples' ?| $2::text[]`,
      [topic, [...examples]],
    )) as [unknown, number];
    return changed;
  }

  /** Publishes unsent events until none is left (or MAX_ROUNDS), each round marked sent as it goes. */
  publishPending(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queued) return this.queued;
    const run = this.publishing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.publishRounds();
      });
    this.queued = run;
    this.publishing = run;
    return run;
  }

  private async publishRounds(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if ((await this.publishRound()) < PUBLISH_LIMIT) return;
    }
  }

  /**
   * One round: the oldest pending events, each key's in sequence order, in one produce. Keys are
   * ordered by their oldest pending row, not rows by `created_at`: `created_at` is when a transaction
   * began, and a key's later event can come from a transaction that began first and waited for the
   * key's lock. Returns how many were published.
   */
  private async publishRound(): Promise<number> {
    const [anything] = await this.dataSource.query(
      `SELECT 1 FROM insights.insight_outbox WHERE sent_at IS NULL LIMIT 1`,
    );
    if (!anything) return 0;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(PUBLISHER_LOCK_SQL);
      const pending: OutboxRow[] = await manager.query(
        `SELECT event_id, topic, key, sequence, event_time, data FROM (
           SELECT *, min(created_at) OVER (PARTITION BY topic, key) AS key_first
           FROM insights.insight_outbox WHERE sent_at IS NULL
         ) p
         ORDER BY key_first, topic, key, sequence LIMIT ${PUBLISH_LIMIT}`,
      );
      if (pending.length === 0) return 0;
      await this.publisher.publish(
        pending.map((row) =>
          outboundEvent({
            contract: contractOf(row.topic),
            id: row.event_id,
            source: insightSource(row.topic),
            subject: row.key,
            time: row.event_time.toISOString(),
            data: row.data,
          }),
        ),
      );
      await manager.query(
        `UPDATE insights.insight_outbox SET sent_at = now() WHERE event_id = ANY($1::text[])`,
        [pending.map((row) => row.event_id)],
      );
      await manager.query(
        `DELETE FROM insights.insight_outbox WHERE sent_at < now() - interval '${SENT_RETENTION}'`,
      );
      this.logger.debug(`published ${pending.length} insight events`);
      return pending.length;
    });
  }
}

function contractOf(topic: string): EventContract {
  const contract = CONTRACT_BY_TOPIC.get(topic);
  // Rows are written only by enqueue, from a contract: an unknown topic is a code change gone wrong.
  if (!contract) throw new Error(`insight outbox holds an event for unknown topic ${topic}`);
  return contract;
}

const OUTBOX_COLUMNS: BulkColumn[] = [
  { name: 'event_id', type: 'text' },
  { name: 'topic', type: 'text' },
  { name: 'key', type: 'text' },
  { name: 'sequence', type: 'int' },
  { name: 'event_time', type: 'timestamptz' },
  { name: 'data', type: 'jsonb' },
];

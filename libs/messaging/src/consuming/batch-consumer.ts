import { Logger } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, TopicMessages } from 'kafkajs';
import { EventPublisher } from '../publishing/event-publisher';
import { TopicProvisioner } from '../topics/topic-provisioner';
import { deadLetterFor, DeadLetterRedaction } from './dead-letter';
import { decodeMessage, DecodeRules } from './decode-message';
import {
  isMembershipLost,
  isTransientFailure,
  kafkaProtocolError,
  rejoinOnCommitFailure,
} from './failure-classification';
import { BatchHandler, InboundEvent, RawMessage, Rejection } from './inbound-event';
import { retryDelayMs } from './retry-backoff';

export interface BatchConsumerDefinition<T> {
  /** Short name for logs and readiness, e.g. `cases`. */
  name: string;
  groupId: string;
  topic: string;
  rules: DecodeRules<T>;
  /** How often a long handler heartbeats; by default half of kafkajs's heartbeat interval. */
  heartbeatIntervalMs?: number;
  sessionTimeoutMs?: number;
  /** Partitions processed at once (default 1); each partition's batches stay in order. */
  partitionsConcurrently?: number;
  /** Most bytes a fetch takes per partition: the bound on a batch. kafkajs's default (1 MiB) when absent. */
  maxBytesPerPartition?: number;
  /** Applied to every dead letter's value before it is written (e.g. personal data taken out). */
  deadLetterRedaction?: DeadLetterRedaction;
}

/** Tries a failure that is not transient gets before the batch is split to find the events behind it. */
export const PERMANENT_FAILURE_ATTEMPTS = 3;

type Rejected<T> = Array<{ event: InboundEvent<T>; rejection: Rejection }>;

/**
 * Runs one consumer group member with batch semantics:
 * decode every message → hand the valid ones to the handler in one call → dead-letter the ones that
 * can never succeed → commit the offset only after all of that is durable.
 *
 * Failures: a transient one (database or broker away) is retried with backoff for as long as it
 * takes, heartbeating meanwhile, and never dead-lettered. Any other failure gets a few tries; then the
 * batch is split in halves, recursively, until the events that fail on their own are found: those go
 * to the DLQ with the error, every other event is applied, in order. If this member loses its
 * partitions meanwhile (a rebalance), it abandons the batch uncommitted and rejoins; the new owner
 * redoes it, which idempotent handlers make harmless.
 */
export class BatchConsumer<T> {
  private readonly logger: Logger;
  private consumer: Consumer;
  private readonly sessionTimeout: number;
  private readonly kafkaHeartbeatInterval: number;
  private readonly heartbeatEveryMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private crashed: Error | undefined;
  private stopping = false;
  /** Set when a heartbeat says this member no longer owns its partitions; cleared per batch. */
  private membershipLost: Error | undefined;
  /** Batches being processed; stop() lets them finish (and commit) before disconnecting. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly definition: BatchConsumerDefinition<T>,
    private readonly handler: BatchHandler<T>,
    private readonly publisher: EventPublisher,
    private readonly provisioner: TopicProvisioner,
    private readonly metrics: MetricsService,
  ) {
    this.logger = new Logger(`BatchConsumer:${definition.name}`);
    this.sessionTimeout = definition.sessionTimeoutMs ?? 30_000;
    // kafkajs sends a heartbeat only when its interval has passed since the last one; ticking at half
    // that interval keeps the gap near the interval, well inside the session timeout.
    this.kafkaHeartbeatInterval = Math.max(500, Math.min(3_000, Math.floor(this.sessionTimeout / 10)));
    this.heartbeatEveryMs = definition.heartbeatIntervalMs ?? Math.floor(this.kafkaHeartbeatInterval / 2);
    this.consumer = this.createConsumer();
  }

  async start(): Promise<void> {
    await this.provisioner.ensureTopics([this.definition.topic], { withDeadLetters: true });
    try {
      await this.run();
    } catch (error) {
      // E.g. a topic just created is not known to every broker yet ("does not host this
      // topic-partition"): the service starts anyway, not ready, and the consumer tries again.
      if (!isTransientFailure(error)) throw error;
      this.logger.warn(`could not start consuming yet (${(error as Error).message}); retrying`);
      this.crashed = error as Error;
      this.scheduleRestart(1);
      return;
    }
    this.logger.log(`consuming ${this.definition.topic} as ${this.definition.groupId}`);
  }

  /** Waits for the batch in hand to finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    // kafkajs silently drops commitOffsets() once disconnect() has begun (its runner is no longer
    // running), so the batch in hand must finish and commit before the consumer disconnects.
    await Promise.allSettled([...this.inFlight]);
    await this.consumer.disconnect();
    this.logger.log('consumer stopped');
  }

  /** Throws while the consumer is crashed for good, so readiness can say so. */
  assertHealthy(): void {
    if (this.crashed) throw new Error(`consumer ${this.definition.name} crashed: ${this.crashed.message}`);
  }

  private createConsumer(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.definition.groupId,
      sessionTimeout: this.sessionTimeout,
      heartbeatInterval: this.kafkaHeartbeatInterval,
      // A fetch with nothing new returns after this; insights' write linger (FactWrites) is sized to it.
      maxWaitTimeInMs: 100,
      ...(this.definition.maxBytesPerPartition
        ? { maxBytesPerPartition: this.definition.maxBytesPerPartition }
        : {}),
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger.error(`consumer crashed (kafkajs restarts it: ${restart}): ${error.message}`);
      if (!restart && !this.stopping) {
        this.crashed = error;
        this.scheduleRestart(1);
      }
    });
    return consumer;
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.definition.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Batches of different partitions may run at once; each commits only its own partition's offset.
      partitionsConsumedConcurrently: this.definition.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.track(this.processBatch(payload)),
    });
  }

  /**
   * kafkajs gives up for good on errors it deems not retriable, some of which pass by themselves (a
   * fresh broker's group coordinator not found yet). A consumer that gave up is rebuilt with backoff;
   * readiness reports it down meanwhile. Nothing is lost: it resumes from the committed offsets.
   */
  private scheduleRestart(attempt: number): void {
    const delay = retryDelayMs(attempt, 1_000, 30_000);
    this.restartTimer = setTimeout(() => {
      void (async () => {
        if (this.stopping) return;
        try {
          await this.consumer.disconnect().catch(() => undefined);
          this.consumer = this.createConsumer();
          await this.run();
          this.crashed = undefined;
          this.logger.log(`consumer restarted after a crash (attempt ${attempt})`);
        } catch (error) {
          this.logger.error(`restarting the consumer failed: ${(error as Error).message}`);
          this.scheduleRestart(attempt + 1);
        }
      })();
    }, delay);
    this.restartTimer.unref();
  }

  private track(processing: Promise<void>): Promise<void> {
    this.inFlight.add(processing);
    return processing.finally(() => this.inFlight.delete(processing));
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isStale, resolveOffset } = payload;
    // A batch fetched after stop() began is left, uncommitted, to the next member of the group.
    if (batch.messages.length === 0 || this.stopping) return;
    this.membershipLost = undefined;
    const started = process.hrtime.bigint();
    const topic = batch.topic;

    const valid: InboundEvent<T>[] = [];
    const deadLetters: Array<{ raw: RawMessage; rejection: Rejection }> = [];
    const rawByOffset = new Map<string, RawMessage>();
    for (const message of batch.messages) {
      const raw = toRawMessage(topic, batch.partition, message);
      rawByOffset.set(message.offset, raw);
      const decoded = decodeMessage({ ...raw, timestamp: message.timestamp }, this.definition.rules);
      if (decoded.ok) valid.push(decoded.event);
      else deadLetters.push({ raw, rejection: decoded.rejection });
    }
    this.metrics.eventsIn.inc({ topic }, batch.messages.length);

    const rejected = valid.length > 0 ? await this.applyIsolating(valid, payload) : [];
    for (const { event, rejection } of rejected) {
      deadLetters.push({ raw: rawByOffset.get(event.offset)!, rejection });
    }
    if (deadLetters.length > 0) await this.deadLetter(deadLetters, payload);

    // Only now is every message of the batch either applied or dead-lettered, durably.
    const lastOffset = batch.lastOffset();
    resolveOffset(lastOffset);
    // A stale batch belongs to another member now, which will redo it. (stop() waits for this batch,
    // so a graceful shutdown still commits here.)
    if (isStale()) return;
    await this.commit(payload, (BigInt(lastOffset) + 1n).toString());

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.batchSize.observe({ topic }, batch.messages.length);
    this.metrics.batchDuration.observe({ topic }, seconds);
    this.metrics.consumerLag.set({ topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
  }

  /**
   * Commits through the batch's own handle, which makes one attempt. (`consumer.commitOffsets()` retries
   * for about a minute against the coordinator kafkajs found when it joined: after a failover that
   * broker answers "not the coordinator" every time, or is gone, and the partition stalls meanwhile.)
   * A failed commit makes kafkajs rejoin the group, which looks the coordinator up again; the batch is
   * redone by whoever owns the partition then, which idempotent handlers make harmless.
   */
  private async commit(payload: EachBatchPayload, offset: string): Promise<void> {
    const { topic, partition } = payload.batch;
    try {
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
    } catch (error) {
      throw rejoinOnCommitFailure(error);
    }
  }

  /**
   * Applies `events`; when they keep failing for a reason that is not transient, splits them in halves
   * (left first, so a customer's events keep their order) until single events are left failing, and
   * returns those as rejected along with whatever the handler rejected itself.
   */
  private async applyIsolating(events: InboundEvent<T>[], payload: EachBatchPayload): Promise<Rejected<T>> {
    const outcome = await this.attempt(events, payload);
    if (outcome.ok) return outcome.rejected;
    if (events.length === 1) {
      const { name, message } = outcome.error as Error;
      return [
        { event: events[0], rejection: { errorClass: 'HandlerFailure', reason: `${name}: ${message}` } },
      ];
    }
    const middle = Math.ceil(events.length / 2);
    const left = await this.applyIsolating(events.slice(0, middle), payload);
    const right = await this.applyIsolating(events.slice(middle), payload);
    return [...left, ...right];
  }

  private async attempt(
    events: InboundEvent<T>[],
    payload: EachBatchPayload,
  ): Promise<{ ok: true; rejected: Rejected<T> } | { ok: false; error: unknown }> {
    const { batch } = payload;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.withHeartbeat(payload, () =>
          this.handler.handleBatch({ topic: batch.topic, partition: batch.partition, events }),
        );
        return { ok: true, rejected: outcome?.rejected ?? [] };
      } catch (error) {
        this.abandonIfNoLongerOwner(payload, error);
        const transient = isTransientFailure(error);
        if (!transient && attempt >= PERMANENT_FAILURE_ATTEMPTS) {
          this.logger.warn(
            `handling ${events.length} event(s) of ${batch.topic}/${batch.partition} failed ${attempt} times ` +
              `(${(error as Error).message}); ${events.length > 1 ? 'splitting the batch' : 'dead-lettering it'}`,
          );
          return { ok: false, error };
        }
        await this.backOff(attempt, transient, payload, error);
      }
    }
  }

  /** Dead letters must be written before the commit; a failure to write them is always retried. */
  private async deadLetter(
    deadLetters: Array<{ raw: RawMessage; rejection: Rejection }>,
    payload: EachBatchPayload,
  ): Promise<void> {
    const failedAt = new Date();
    const letters = deadLetters.map(({ raw, rejection }) =>
      deadLetterFor(raw, rejection, this.definition.groupId, failedAt, this.definition.deadLetterRedaction),
    );
    const topicMessages: TopicMessages[] = [
      { topic: letters[0].topic, messages: letters.map((l) => l.message) },
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.sendBatch(topicMessages);
        break;
      } catch (error) {
        this.abandonIfNoLongerOwner(payload, error);
        await this.backOff(attempt, true, payload, error);
      }
    }
    const topic = payload.batch.topic;
    for (const { rejection, raw } of deadLetters) {
      this.metrics.dlq.inc({ topic, reason: rejection.errorClass });
      this.logger.warn(
        `dead-lettered ${topic}/${raw.partition}@${raw.offset}: ${rejection.errorClass}: ${rejection.reason}`,
      );
    }
  }

  /**
   * Gives up on the batch, uncommitted, when this member is stopping or no longer owns the partition.
   * Throwing the broker's own answer lets kafkajs rejoin the group instead of crashing.
   */
  private abandonIfNoLongerOwner(payload: EachBatchPayload, error: unknown): void {
    if (this.membershipLost) throw this.membershipLost;
    if (isMembershipLost(error)) throw kafkaProtocolError(error);
    if (this.stopping || !payload.isRunning() || payload.isStale()) throw error;
  }

  private async backOff(
    attempt: number,
    transient: boolean,
    payload: EachBatchPayload,
    error: unknown,
  ): Promise<void> {
    // A failure that is not transient is retried briefly: it is about to be isolated, not waited out.
    const delay = transient ? retryDelayMs(attempt) : 100 * attempt;
    this.metrics.consumerRetries.inc({ topic: payload.batch.topic });
    this.logger.warn(
      `${payload.batch.topic}/${payload.batch.partition}: attempt ${attempt} failed ` +
        `(${transient ? 'transient' : 'not transient'}), retrying in ${delay} ms: ${(error as Error).message}`,
    );
    const until = Date.now() + delay;
    while (Date.now() < until && !this.stopping && !this.membershipLost && payload.isRunning()) {
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(this.heartbeatEveryMs, until - Date.now())),
      );
      await this.heartbeat(payload);
    }
  }

  private async withHeartbeat<R>(payload: EachBatchPayload, work: () => Promise<R>): Promise<R> {
    const timer = setInterval(() => void this.heartbeat(payload), this.heartbeatEveryMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** A failed heartbeat is only news when it says the group moved on without this member. */
  private async heartbeat(payload: EachBatchPayload): Promise<void> {
    try {
      await payload.heartbeat();
    } catch (error) {
      if (isMembershipLost(error)) this.membershipLost = kafkaProtocolError(error);
    }
  }
}

function toRawMessage(topic: string, partition: number, message: KafkaMessage): RawMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}

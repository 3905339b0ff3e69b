import { Logger } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, TopicMessages } from 'kafkajs';
import { EventPublisher } from '../publishing/event-publisher';
import { TopicProvisioner } from '../topics/topic-provisioner';
import { deadLetterFor } from './dead-letter';
import { decodeMessage, DecodeRules } from './decode-message';
import { BatchHandler, InboundEvent, RawMessage, Rejection } from './inbound-event';
import { retryDelayMs } from './retry-backoff';

export interface BatchConsumerDefinition<T> {
  /** Short name for logs and readiness, e.g. `cases`. */
  name: string;
  groupId: string;
  topic: string;
  rules: DecodeRules<T>;
  /** Heartbeat while a long handler runs, so a slow batch never costs the group its membership. */
  heartbeatIntervalMs?: number;
  sessionTimeoutMs?: number;
}

/**
 * Runs one consumer group member with batch semantics:
 * decode every message → hand the valid ones to the handler in one call → dead-letter the ones that
 * can never succeed → commit the offset only after all of that is durable. A handler error is treated
 * as transient: the same batch is retried with backoff (heartbeating meanwhile) and is never
 * dead-lettered, so a database outage delays events but never loses them.
 */
export class BatchConsumer<T> {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private crashed: Error | undefined;
  private stopping = false;
  /** Batches being processed; stop() lets them finish (and commit) before disconnecting. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    kafka: Kafka,
    private readonly definition: BatchConsumerDefinition<T>,
    private readonly handler: BatchHandler<T>,
    private readonly publisher: EventPublisher,
    private readonly provisioner: TopicProvisioner,
    private readonly metrics: MetricsService,
  ) {
    this.logger = new Logger(`BatchConsumer:${definition.name}`);
    this.consumer = kafka.consumer({
      groupId: definition.groupId,
      sessionTimeout: definition.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart) this.crashed = event.payload.error;
      this.logger.error(
        `consumer crashed (restart: ${event.payload.restart}): ${event.payload.error.message}`,
      );
    });
  }

  async start(): Promise<void> {
    await this.provisioner.ensureTopics([this.definition.topic], { withDeadLetters: true });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.definition.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.track(this.processBatch(payload)),
    });
    this.logger.log(`consuming ${this.definition.topic} as ${this.definition.groupId}`);
  }

  /** Waits for the batch in hand to finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
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

  private track(processing: Promise<void>): Promise<void> {
    this.inFlight.add(processing);
    return processing.finally(() => this.inFlight.delete(processing));
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isStale, resolveOffset } = payload;
    // A batch fetched after stop() began is left, uncommitted, to the next member of the group.
    if (batch.messages.length === 0 || this.stopping) return;
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

    const outcome = await this.untilDone('handle batch', payload, () =>
      valid.length > 0
        ? this.withHeartbeat(heartbeat, () =>
            this.handler.handleBatch({ topic, partition: batch.partition, events: valid }),
          )
        : Promise.resolve(undefined),
    );
    for (const { event, rejection } of outcome?.rejected ?? []) {
      deadLetters.push({ raw: rawByOffset.get(event.offset)!, rejection });
    }

    if (deadLetters.length > 0) {
      const failedAt = new Date();
      const letters = deadLetters.map(({ raw, rejection }) =>
        deadLetterFor(raw, rejection, this.definition.groupId, failedAt),
      );
      const topicMessages: TopicMessages[] = [
        { topic: letters[0].topic, messages: letters.map((l) => l.message) },
      ];
      await this.untilDone('dead-letter', payload, () => this.publisher.sendBatch(topicMessages));
      for (const { rejection, raw } of deadLetters) {
        this.metrics.dlq.inc({ topic, reason: rejection.errorClass });
        this.logger.warn(
          `dead-lettered ${topic}/${raw.partition}@${raw.offset}: ${rejection.errorClass}: ${rejection.reason}`,
        );
      }
    }

    // Only now is every message of the batch either applied or dead-lettered, durably.
    const lastOffset = batch.lastOffset();
    resolveOffset(lastOffset);
    // A stale batch belongs to another member now, which will redo it. A stopping consumer still
    // commits: the batch in hand is finished, so a graceful shutdown redelivers nothing.
    if (isStale()) return;
    await this.consumer.commitOffsets([
      { topic, partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() },
    ]);

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.batchSize.observe({ topic }, batch.messages.length);
    this.metrics.batchDuration.observe({ topic }, seconds);
    this.metrics.consumerLag.set({ topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
  }

  /**
   * Runs `work` until it succeeds. Gives up only when this member no longer owns the partition or is
   * stopping; the batch is then redone (by whoever owns it next) because its offset was not committed.
   */
  private async untilDone<R>(what: string, payload: EachBatchPayload, work: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopping || !payload.isRunning() || payload.isStale()) throw error;
        const delay = retryDelayMs(attempt);
        this.metrics.consumerRetries.inc({ topic: payload.batch.topic });
        this.logger.warn(
          `${what} failed (attempt ${attempt}), retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await this.sleepWithHeartbeat(delay, payload);
      }
    }
  }

  private async withHeartbeat<R>(heartbeat: () => Promise<void>, work: () => Promise<R>): Promise<R> {
    const timer = setInterval(
      () => void heartbeat().catch(() => undefined),
      this.definition.heartbeatIntervalMs ?? 3_000,
    );
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async sleepWithHeartbeat(ms: number, payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && !this.stopping && payload.isRunning()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
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

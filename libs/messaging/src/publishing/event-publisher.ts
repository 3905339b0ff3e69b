import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { CompressionTypes, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { isPermanentKafkaRefusal } from '../consuming/failure-classification';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { chunkTopicMessages } from './chunk-messages';
import { OutboundEvent, toKafkaMessage } from './outbound-event';
import { isFatalForProducer } from './producer-fatal-errors';

export interface PublishOptions {
  /**
   * Give up after this many ms: the call rejects with {@link PublishTimeoutError}. Its records may
   * still land (not confirmed is not "not published"); the producer is retired, so nothing sent
   * after it can be mistaken for it.
   */
  timeoutMs?: number;
}

/** Kafka did not acknowledge within the caller's deadline. Transient: retrying later may succeed. */
export class PublishTimeoutError extends Error {
  override readonly name = 'PublishTimeoutError';
  readonly transient = true;
}

/** A send waiting for, or holding, the producer. */
interface SendCall {
  /** Its caller has given up (deadline passed): it is not started, or no longer waited for. */
  abandoned: boolean;
  /** The producer it went out on, once started. */
  producer?: Producer;
}

/**
 * The service's one producer: idempotent (no duplicates from producer retries), acks from all in-sync
 * replicas, and as few requests as the broker's size limit allows, so a batch costs one round trip in
 * the usual case. A failed send rejects: callers retry (consumers) or answer 503 (HTTP).
 *
 * Sends go out one at a time, and a producer that failed or abandoned a send is replaced by a fresh
 * one (a new producer id). The idempotent producer numbers each partition's records, and when a
 * request fails without an answer kafkajs takes its numbers back although the broker may have
 * appended it. Only a retry of the same records may reuse them: the broker then recognises the batch
 * and acknowledges it once. Any other batch given those numbers - a concurrent send, or the caller's
 * own retry with different records (a consumer round gathers other batches the second time) - is
 * taken as that duplicate and acknowledged without being written: acknowledged records lost. Sending
 * one at a time lets kafkajs finish its retries before the next send; a fresh producer after a
 * failure starts numbering anew.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private producer: Producer;
  private replacing: Promise<void> | undefined;
  /** Settles when the sends queued so far have ended or been abandoned. */
  private queue: Promise<void> = Promise.resolve();
  /** Retired producers still disconnecting. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly metrics: MetricsService,
  ) {
    this.producer = this.newProducer();
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  /** Producers close after every consumer has drained (consumers stop in beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.replacing;
    await Promise.allSettled([...this.retiring]);
    await this.producer.disconnect();
    this.logger.log('producer disconnected');
  }

  /** Publishes every event; resolves once all replicas in sync have them. */
  async publish(events: OutboundEvent[], options: PublishOptions = {}): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const messages = byTopic.get(event.topic) ?? [];
      messages.push(toKafkaMessage(event));
      byTopic.set(event.topic, messages);
    }
    await this.sendBatch(
      [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      options,
    );
  }

  /** For messages that are not CloudEvents of ours, such as dead letters that keep the original bytes. */
  async sendBatch(topicMessages: TopicMessages[], options: PublishOptions = {}): Promise<void> {
    const nonEmpty = topicMessages.filter((entry) => entry.messages.length > 0);
    const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
    // Requests go one after another, so each partition keeps its order across them.
    for (const chunk of chunkTopicMessages(nonEmpty)) {
      await this.send(chunk, deadline, options.timeoutMs);
      for (const { topic, messages } of chunk) this.metrics.eventsOut.inc({ topic }, messages.length);
    }
  }

  /** Queues the send behind the others; past the deadline it is abandoned and the queue moves on. */
  private send(topicMessages: TopicMessages[], deadline?: number, timeoutMs?: number): Promise<void> {
    const call: SendCall = { abandoned: false };
    let abandon!: () => void;
    const abandoned = new Promise<void>((resolve) => {
      abandon = () => {
        call.abandoned = true;
        // Its producer may still be retrying it: the next send must not go out on that producer.
        if (call.producer) void this.replace(call.producer, 'a send was abandoned at its deadline', false);
        resolve();
      };
    });
    const sent = this.queue.then(() => this.sendNow(topicMessages, call));
    this.queue = Promise.race([sent.catch(() => undefined), abandoned]);
    if (deadline === undefined) return sent;

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          abandon();
          reject(new PublishTimeoutError(`Kafka did not acknowledge within ${timeoutMs} ms`));
        },
        Math.max(0, deadline - Date.now()),
      );
    });
    sent.catch(() => undefined); // an abandoned send's own failure is nobody's news
    return Promise.race([sent, timedOut]).finally(() => clearTimeout(timer));
  }

  private async sendNow(topicMessages: TopicMessages[], call: SendCall): Promise<void> {
    if (call.abandoned) return;
    await this.replacing;
    if (call.abandoned) return;
    const producer = this.producer;
    call.producer = producer;
    try {
      await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
    } catch (error) {
      // A refusal (record too large, malformed) is an answer: nothing was appended, the numbers are
      // free again. Anything else may have been appended without an answer (see the class comment).
      if (!isPermanentKafkaRefusal(error)) {
        const cause = `a send failed (${(error as Error).message})`;
        await this.replace(producer, cause, isFatalForProducer(error));
      }
      throw error;
    } finally {
      // Abandoned at its deadline, its producer was retired while it was out; kafkajs reconnects a
      // producer to retry, so close it again now that the send has ended.
      if (call.abandoned) this.retire(producer);
    }
  }

  /**
   * Swaps in a fresh producer (new producer id) once, however many sends saw the same failure. Never
   * rejects: when the fresh producer cannot connect (the broker is away), the next send fails and
   * replaces it in turn.
   */
  private replace(broken: Producer, cause: string, fatal: boolean): Promise<void> {
    if (this.producer !== broken) return this.replacing ?? Promise.resolve();
    if (fatal) this.logger.error(`idempotent producer is unusable: ${cause}; replacing it`);
    else this.logger.warn(`replacing the producer: ${cause}`);
    const fresh = this.newProducer();
    this.producer = fresh;
    this.retire(broken);
    this.replacing = fresh
      .connect()
      .catch((error: Error) => this.logger.warn(`the fresh producer could not connect yet: ${error.message}`))
      .finally(() => {
        this.replacing = undefined;
      });
    return this.replacing;
  }

  /** Disconnects a producer no longer in use; shutdown waits for it. */
  private retire(producer: Producer): void {
    const retired = producer
      .disconnect()
      .catch(() => undefined)
      .finally(() => this.retiring.delete(retired));
    this.retiring.add(retired);
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      // Idempotence keeps order only with one request in flight per connection.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }
}

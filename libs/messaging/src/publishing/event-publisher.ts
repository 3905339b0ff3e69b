import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { CompressionTypes, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { chunkTopicMessages } from './chunk-messages';
import { OutboundEvent, toKafkaMessage } from './outbound-event';
import { isFatalForProducer } from './producer-fatal-errors';

/**
 * The service's one producer: idempotent (no duplicates from producer retries), acks from all in-sync
 * replicas, and as few requests as the broker's size limit allows, so a batch costs one round trip in
 * the usual case. A failed send rejects: callers retry (consumers) or answer 503 (HTTP).
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private producer: Producer;
  private replacing: Promise<void> | undefined;

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
    await this.replacing?.catch(() => undefined);
    await this.producer.disconnect();
    this.logger.log('producer disconnected');
  }

  /** Publishes every event; resolves once all replicas in sync have them. */
  async publish(events: OutboundEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const messages = byTopic.get(event.topic) ?? [];
      messages.push(toKafkaMessage(event));
      byTopic.set(event.topic, messages);
    }
    await this.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  /** For messages that are not CloudEvents of ours, such as dead letters that keep the original bytes. */
  async sendBatch(topicMessages: TopicMessages[]): Promise<void> {
    const nonEmpty = topicMessages.filter((entry) => entry.messages.length > 0);
    // Requests go one after another, so each partition keeps its order across them.
    for (const chunk of chunkTopicMessages(nonEmpty)) {
      await this.send(chunk);
      for (const { topic, messages } of chunk) this.metrics.eventsOut.inc({ topic }, messages.length);
    }
  }

  private async send(topicMessages: TopicMessages[]): Promise<void> {
    await this.replacing?.catch(() => undefined);
    const producer = this.producer;
    try {
      await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
    } catch (error) {
      if (isFatalForProducer(error)) await this.replace(producer, error as Error);
      throw error;
    }
  }

  /** Swaps in a fresh producer (new producer id) once, however many sends saw the same failure. */
  private replace(broken: Producer, cause: Error): Promise<void> {
    if (this.producer !== broken) return this.replacing ?? Promise.resolve();
    this.logger.error(`idempotent producer is unusable (${cause.message}); replacing it`);
    const fresh = this.newProducer();
    this.producer = fresh;
    this.replacing = (async () => {
      await broken.disconnect().catch(() => undefined);
      await fresh.connect();
    })().finally(() => {
      this.replacing = undefined;
    });
    return this.replacing;
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

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { CompressionTypes, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { OutboundEvent, toKafkaMessage } from './outbound-event';

/**
 * The service's one producer: idempotent (no duplicates from producer retries), acks from all in-sync
 * replicas, and one request per call however many events, so a batch costs one round trip.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    private readonly metrics: MetricsService,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      // Idempotence keeps order only with one request in flight per connection.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  /** Producers close after every consumer has drained (consumers stop in beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    this.logger.log('producer disconnected');
  }

  /** Publishes every event in one request; resolves once all replicas in sync have them. */
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
    if (nonEmpty.length === 0) return;
    await this.producer.sendBatch({ topicMessages: nonEmpty, acks: -1, compression: CompressionTypes.None });
    for (const { topic, messages } of nonEmpty) this.metrics.eventsOut.inc({ topic }, messages.length);
  }
}

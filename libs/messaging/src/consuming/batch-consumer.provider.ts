import { BeforeApplicationShutdown, FactoryProvider, OnApplicationBootstrap, Type } from '@nestjs/common';
import { BaseServiceConfig, MetricsService, ReadinessRegistry, SERVICE_NAME } from '@supportlens/platform';
import { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { EventPublisher } from '../publishing/event-publisher';
import { TopicProvisioner } from '../topics/topic-provisioner';
import { BatchConsumer } from './batch-consumer';
import { DeadLetterRedaction } from './dead-letter';
import { BatchHandler } from './inbound-event';
import { MessageParser } from './message-parser';

export interface BatchConsumerSpec<T> {
  /** Unique within the service; part of the consumer group id. */
  name: string;
  topic: string;
  parse: MessageParser<T>;
  handler: Type<BatchHandler<T>>;
  requireCloudEvent: boolean;
  expectedType?: string;
  /** Values above this are dead-lettered unread. */
  maxValueBytes?: number;
  /** Redacts dead letters' values (a raw topic's messages may carry personal data); headers are kept. */
  deadLetterRedaction?: DeadLetterRedaction;
}

/**
 * A consumer's lifecycle inside Nest: it starts once every module is initialised (the database is
 * connected) and stops in `beforeApplicationShutdown`, i.e. before the database and the producer close
 * in `onApplicationShutdown`, so the batch in hand can still finish and commit.
 */
class ManagedBatchConsumer<T> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(readonly consumer: BatchConsumer<T>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/** The consumer group of a service's batch consumer: every instance of the service joins it. */
export function consumerGroupId(prefix: string, serviceName: string, consumerName: string): string {
  return `${prefix}.${serviceName}.${consumerName}`;
}

export function batchConsumerToken(name: string): string {
  return `BatchConsumer:${name}`;
}

export function batchConsumerProvider<T>(spec: BatchConsumerSpec<T>): FactoryProvider {
  return {
    provide: batchConsumerToken(spec.name),
    inject: [
      KAFKA_CLIENT,
      spec.handler,
      EventPublisher,
      TopicProvisioner,
      MetricsService,
      BaseServiceConfig,
      SERVICE_NAME,
      ReadinessRegistry,
    ],
    useFactory: (
      kafka: Kafka,
      handler: BatchHandler<T>,
      publisher: EventPublisher,
      provisioner: TopicProvisioner,
      metrics: MetricsService,
      config: BaseServiceConfig,
      serviceName: string,
      readiness: ReadinessRegistry,
    ) => {
      const consumer = new BatchConsumer<T>(
        kafka,
        {
          name: spec.name,
          groupId: consumerGroupId(config.KAFKA_GROUP_ID_PREFIX, serviceName, spec.name),
          topic: spec.topic,
          partitionsConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
          maxBytesPerPartition: config.KAFKA_MAX_BYTES_PER_PARTITION,
          deadLetterRedaction: spec.deadLetterRedaction,
          rules: {
            parse: spec.parse,
            requireCloudEvent: spec.requireCloudEvent,
            expectedType: spec.expectedType,
            maxValueBytes: spec.maxValueBytes ?? 1024 * 1024,
          },
        },
        handler,
        publisher,
        provisioner,
        metrics,
      );
      readiness.register(`consumer:${spec.name}`, async () => consumer.assertHealthy());
      return new ManagedBatchConsumer(consumer);
    },
  };
}

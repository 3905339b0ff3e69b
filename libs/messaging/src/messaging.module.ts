import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { BaseServiceConfig, SERVICE_NAME } from '@supportlens/platform';
import { createKafkaClient } from './kafka/create-kafka-client';
import { KafkaReadiness } from './kafka/kafka-readiness';
import { kafkaSecurityFromConfig } from './kafka/kafka-security-from-config';
import { KAFKA_CLIENT } from './kafka/kafka.tokens';
import { EventPublisher } from './publishing/event-publisher';
import { TopicProvisioner } from './topics/topic-provisioner';

export interface MessagingOptions {
  /** Topics this service publishes to; created at start when missing. */
  produces: string[];
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class ProducedTopics implements OnModuleInit {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly provisioner: TopicProvisioner,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.provisioner.ensureTopics(this.options.produces);
  }
}

/** Kafka for a service: one client, one idempotent producer, topic provisioning and a readiness check. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          inject: [BaseServiceConfig, SERVICE_NAME],
          useFactory: (config: BaseServiceConfig, serviceName: string) =>
            createKafkaClient({
              clientId: config.KAFKA_CLIENT_ID ?? serviceName,
              brokers: config.kafkaBrokers,
              security: kafkaSecurityFromConfig(config),
            }),
        },
        TopicProvisioner,
        EventPublisher,
        KafkaReadiness,
        ProducedTopics,
      ],
      exports: [KAFKA_CLIENT, EventPublisher, TopicProvisioner],
    };
  }
}

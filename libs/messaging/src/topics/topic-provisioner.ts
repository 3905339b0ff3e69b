import { Inject, Injectable, Logger } from '@nestjs/common';
import { deadLetterTopic } from '@supportlens/contracts';
import { BaseServiceConfig } from '@supportlens/platform';
import { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';

/**
 * Creates the topics a service needs when they are missing. The broker refuses auto-creation, so a
 * typo in a topic name fails loudly instead of silently creating a one-partition topic.
 */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly config: BaseServiceConfig,
  ) {}

  async ensureTopics(topics: string[], options: { withDeadLetters?: boolean } = {}): Promise<void> {
    const wanted = new Set(topics);
    if (options.withDeadLetters) topics.forEach((topic) => wanted.add(deadLetterTopic(topic)));
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...wanted].filter((topic) => !existing.has(topic));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.config.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
          })),
        });
      } catch (error) {
        // Another instance may have created them between our list and create: that is fine.
        if (!/already exists/i.test(String((error as Error).message ?? error))) throw error;
      }
      this.logger.log(`created topics ${missing.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }
}

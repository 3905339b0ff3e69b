import { Inject, Injectable, Logger } from '@nestjs/common';
import { deadLetterTopic } from '@supportlens/contracts';
import { BaseServiceConfig } from '@supportlens/platform';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { retryDelayMs } from '../consuming/retry-backoff';

/** How long a service start may wait for its topics, e.g. while a fresh broker settles. */
const PROVISIONING_DEADLINE_MS = 60_000;

/**
 * Creates the topics a service needs when they are missing and waits until every partition has a
 * leader. The broker refuses auto-creation, so a typo in a topic name fails loudly instead of
 * silently creating a one-partition topic. Several services start at once against a fresh broker and
 * create overlapping topics; the broker's metadata then lags for a moment ("does not host this
 * topic-partition", "already exists"), so the whole check is retried until it holds.
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
    if (wanted.size === 0) return;
    const deadline = Date.now() + PROVISIONING_DEADLINE_MS;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.createMissing(admin, [...wanted]);
          await this.assertLeaders(admin, [...wanted]);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          const delay = retryDelayMs(attempt, 250, 5_000);
          this.logger.warn(
            `topics not ready yet (${(error as Error).message}); checking again in ${delay} ms`,
          );
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async createMissing(admin: Admin, wanted: string[]): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
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
      this.logger.log(`created topics ${missing.join(', ')}`);
    } catch (error) {
      // Another instance may have created them between our list and create: that is fine.
      if (!/already exists/i.test(String((error as Error).message ?? error))) throw error;
    }
  }

  private async assertLeaders(admin: Admin, wanted: string[]): Promise<void> {
    const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
    const leaderless = topics.filter((topic) => topic.partitions.some((partition) => partition.leader < 0));
    if (leaderless.length > 0)
      throw new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`);
  }
}

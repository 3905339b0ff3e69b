import { deadLetterTopic, Topics } from '@supportlens/contracts';
import { consumerGroupId } from '@supportlens/messaging';
import { Admin } from 'kafkajs';
import { INPUT_CONSUMERS } from '../../../services/insights/src/read-models/input-consumers';

export const INPUT_TOPICS = [Topics.CasesClassified, Topics.SurveysScored] as const;

/** The consumers insights runs on the input topics, as the service names them. */
export const INSIGHTS_CONSUMERS = Object.values(INPUT_CONSUMERS);

/** The consumer group of one of them under a group prefix (KAFKA_GROUP_ID_PREFIX). */
export function insightsGroupId(prefix: string, consumer: string): string {
  return consumerGroupId(prefix, 'insights', consumer);
}

/** Creates the input topics (and their DLQs) when missing; returns each input topic's partition count. */
export async function ensureInputTopics(admin: Admin, partitions: number): Promise<Record<string, number>> {
  const wanted = INPUT_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]);
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
  }
  const { topics } = await admin.fetchTopicMetadata({ topics: [...INPUT_TOPICS] });
  return Object.fromEntries(topics.map((topic) => [topic.name, topic.partitions.length]));
}

/** Offsets per input topic, as `admin.setOffsets` takes them. */
export type TopicOffsets = Record<string, Array<{ partition: number; offset: string }>>;

/** Where each input topic ends now: where the events published next begin. */
export async function inputEndOffsets(admin: Admin): Promise<TopicOffsets> {
  const offsets: TopicOffsets = {};
  for (const topic of INPUT_TOPICS) {
    const ends = await settled(() => admin.fetchTopicOffsets(topic));
    offsets[topic] = ends.map(({ partition, high }) => ({ partition, offset: high }));
  }
  return offsets;
}

/**
 * Commits `offsets` for the service's consumer groups (new, so without members) before it starts.
 * The BatchConsumer subscribes with `fromBeginning: true`, which only applies to a group without
 * committed offsets: a fresh group would otherwise replay everything earlier runs (or other
 * producers on a shared broker) left on these fixed-name topics, and the bench would measure that
 * backlog too. Committing where this run's events begin makes the groups start exactly there. (On
 * the dedicated broker the topics are new and the offsets are 0; it is the same code either way.)
 */
export async function startGroupsAt(admin: Admin, groupPrefix: string, offsets: TopicOffsets): Promise<void> {
  for (const { name, topic } of INSIGHTS_CONSUMERS) {
    await admin.setOffsets({
      groupId: insightsGroupId(groupPrefix, name),
      topic,
      partitions: offsets[topic],
    });
  }
}

/** A topic created a moment ago may have no leader yet in the metadata: retried for up to 30 s. */
async function settled<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 60 || !/leader|not available|unknown topic/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

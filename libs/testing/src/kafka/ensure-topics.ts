import { Admin } from 'kafkajs';

/**
 * Creates the topics that do not exist yet, with the test broker's partition count: a suite that
 * reads a topic, or sets a group's offsets on it, before any service has created it.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  const numPartitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 3);
  await admin
    .createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions })) })
    .catch((error: Error) => {
      if (!/already exists/i.test(error.message)) throw error;
    });
}

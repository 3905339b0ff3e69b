import { Kafka, logLevel } from 'kafkajs';

/**
 * Commits each consumer group's offsets at its topic's current end, so that an app started next reads
 * only what the test publishes from now on, not the backlog other suites left on the shared topics
 * (services' new groups read from the beginning). The groups must have no running member. A topic
 * that does not exist yet (a fresh broker) has no backlog: its group is left to start at the beginning.
 */
export async function startGroupsAtEnd(
  brokers: string,
  groups: ReadonlyArray<{ groupId: string; topic: string }>,
): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-group-offsets',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const { groupId, topic } of groups) {
      if (!existing.has(topic)) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

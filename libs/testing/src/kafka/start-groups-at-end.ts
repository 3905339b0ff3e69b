import { withKafkaAdmin } from './with-kafka-admin';

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
  await withKafkaAdmin(brokers, 'test-group-offsets', async (admin) => {
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
  });
}

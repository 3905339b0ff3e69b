import { Admin, Kafka } from 'kafkajs';

export interface ConsumedTopic {
  groupId: string;
  topic: string;
}

/**
 * How many input events insights' consumer groups have yet to commit, summed over every partition of
 * the input topics: the end of each partition less the group's committed offset there, or less its
 * first offset when the group has committed nothing (the consumers start from the beginning).
 */
export class InputLagReader {
  private admin?: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly consumed: readonly ConsumedTopic[],
  ) {}

  async lag(): Promise<number> {
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    let lag = 0;
    for (const { groupId, topic } of this.consumed) {
      // A topic not created yet holds nothing to catch up on.
      if (!existing.has(topic)) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const commits = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      for (const { partition, high, low } of ends) {
        // No commit yet: from the first offset; a commit the log has since deleted: from there too.
        const commit = commits.get(partition) ?? -1n;
        const from = commit > BigInt(low) ? commit : BigInt(low);
        const behind = BigInt(high) - from;
        if (behind > 0n) lag += Number(behind);
      }
    }
    return lag;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}

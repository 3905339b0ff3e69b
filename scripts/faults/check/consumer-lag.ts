import { Kafka, logLevel } from 'kafkajs';

/**
 * Messages not yet committed by the pipeline's consumer groups (those named with the run's prefix),
 * summed over their topics' partitions: 0 when every consumer has caught up.
 */
export async function consumerLag(brokers: string, groupPrefix: string): Promise<number> {
  const admin = new Kafka({
    clientId: 'fault-lag',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    let lag = 0;
    for (const { groupId } of groups.filter((group) => group.groupId.startsWith(`${groupPrefix}.`))) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((entry) => [entry.partition, BigInt(entry.high)]),
        );
        for (const { partition, offset } of partitions) {
          const committed = offset === '-1' ? 0n : BigInt(offset);
          const end = ends.get(partition) ?? 0n;
          if (end > committed) lag += Number(end - committed);
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the lag is 0 twice in a row (nothing in flight between two looks): true then, false when
 * `timeoutMs` passed first (the row then reports that the pipeline did not recover).
 */
export async function waitCaughtUp(
  brokers: string,
  groupPrefix: string,
  timeoutMs: number,
): Promise<boolean> {
  const started = Date.now();
  let zeros = 0;
  while (Date.now() - started < timeoutMs) {
    const lag = await consumerLag(brokers, groupPrefix).catch(() => Number.NaN);
    zeros = lag === 0 ? zeros + 1 : 0;
    if (zeros >= 2) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

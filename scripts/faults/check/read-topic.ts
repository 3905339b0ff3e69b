import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface TopicMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** The message's timestamp: when its producer built it (CreateTime), in ms. */
  timestamp: number;
  headers: Record<string, string>;
}

/**
 * Every message a topic holds now, each partition in offset order: a throwaway consumer group reads
 * from the beginning up to the end offsets taken at the start.
 */
export async function readTopic(
  brokers: string,
  topic: string,
  timeoutMs = 120_000,
): Promise<TopicMessage[]> {
  const kafka = new Kafka({
    clientId: 'fault-checker',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(partition, BigInt(high));
  } finally {
    await admin.disconnect();
  }
  const pending = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
  const messages: TopicMessage[] = [];
  if (pending.size === 0) return messages;

  const consumer = kafka.consumer({
    groupId: `fault-checker-${randomUUID()}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const end = ends.get(batch.partition) ?? 0n;
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            messages.push({
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              timestamp: Number(message.timestamp),
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
              ),
            });
          }
          if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

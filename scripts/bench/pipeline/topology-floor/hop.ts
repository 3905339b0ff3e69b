import { Batch, Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { chunkTopicMessages } from '@supportlens/messaging';
import { ORIGIN_HEADER, originOf, upsertBatch } from '../upsert-batch';
import { HopMessage, HopSettings, hopSettingsFromEnv, TOPOLOGY_FLOOR_TABLE } from './hop-settings';

/**
 * One process of the topology floor (see topology-floor.ts): per input topic a bare kafkajs consumer
 * that either forwards each batch to the next topic with the services' producer settings (idempotent,
 * acks from all replicas, one request in flight) or, where the chain ends, writes it with one
 * `unnest` upsert, then commits the batch's offsets. No decoding, no validation, no state: what the
 * hops cost. Unlike the services, each partition's batch is its own produce (they merge a fetch's
 * batches into one), which makes this floor, if anything, slower than it could be.
 */
async function main(): Promise<void> {
  const settings = hopSettingsFromEnv(process.env);
  const kafka = new Kafka({
    clientId: settings.groupPrefix,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
  });
  const routes = Object.entries(settings.routes);
  const writes = routes.some(([, to]) => !to);
  const forwards = routes.some(([, to]) => to);
  const pool = writes
    ? new Pool({ connectionString: settings.databaseUrl, max: settings.concurrency })
    : undefined;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  if (forwards) await producer.connect();
  const consumers = await Promise.all(
    routes.map(([from, to]) =>
      consume(
        kafka,
        settings,
        from,
        to
          ? (batch) => forward(producer, to, batch)
          : (batch) => upsertBatch(pool!, TOPOLOGY_FLOOR_TABLE, batch),
      ),
    ),
  );
  await Promise.all(consumers.map(({ joined }) => joined));
  process.send?.({ joined: true } satisfies HopMessage);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(consumers.map(({ consumer }) => consumer.disconnect()));
    if (forwards) await producer.disconnect();
    await pool?.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  // The bench gone (its IPC channel closed, whatever ended it): nothing is left to feed or time.
  process.once('disconnect', () => void stop());
}

/** A consumer of `topic` that hands each batch to `handle`, then commits it; `joined` once it has its partitions. */
async function consume(
  kafka: Kafka,
  settings: HopSettings,
  topic: string,
  handle: (batch: Batch) => Promise<void>,
): Promise<{ consumer: Consumer; joined: Promise<void> }> {
  const consumer = kafka.consumer({ groupId: `${settings.groupPrefix}.${topic}`, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  // A crashed consumer would stall the run without a word: end the hop, and the bench names it.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    console.error(`the consumer of ${topic} crashed: ${payload.error.message}`);
    process.exit(1);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: settings.concurrency,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      await handle(batch);
      resolveOffset(batch.lastOffset());
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(batch.lastOffset()) + 1n).toString(),
        },
      ]);
    },
  });
  return { consumer, joined };
}

/**
 * The batch's records to `topic`, same keys (so the same partitioning), each carrying its origin. In
 * requests the broker accepts, as the services cut theirs: a full fetch of one partition plus the
 * headers is more than a record batch may hold.
 */
async function forward(producer: Producer, topic: string, batch: Batch): Promise<void> {
  const messages = batch.messages.map((message) => ({
    key: message.key,
    value: message.value,
    headers: { ...message.headers, [ORIGIN_HEADER]: originOf(batch, message) },
  }));
  for (const topicMessages of chunkTopicMessages([{ topic, messages }]))
    await producer.sendBatch({ topicMessages, acks: -1 });
}

main().catch((error: Error) => {
  console.error(`topology floor hop failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

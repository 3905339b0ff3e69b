import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { upsertBatch } from '../upsert-batch';
import { HopMessage, hopSettingsFromEnv, TOPOLOGY_FLOOR_TABLE } from './hop-settings';

/**
 * One process of the topology floor (see ../topology-floor.ts): a bare kafkajs consumer that either
 * forwards each batch to the next topic with the services' producer settings (idempotent, acks from
 * all replicas, one request in flight) or, at the end of the chain, writes it with one `unnest` upsert,
 * then commits the batch's offsets. No decoding, no validation, no state: what the hops cost.
 */
async function main(): Promise<void> {
  const settings = hopSettingsFromEnv(process.env);
  const kafka = new Kafka({
    clientId: settings.groupId,
    brokers: settings.brokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const pool = settings.databaseUrl
    ? new Pool({ connectionString: settings.databaseUrl, max: 6 })
    : undefined;
  const consumer = kafka.consumer({ groupId: settings.groupId, maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.GROUP_JOIN, () => process.send?.({ joined: true } satisfies HopMessage));
  if (!pool) await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: Object.keys(settings.routes), fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    // As the services do: every partition of a fetch at once.
    partitionsConsumedConcurrently: settings.partitions,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      if (pool) {
        await upsertBatch(pool, TOPOLOGY_FLOOR_TABLE, batch);
      } else {
        await producer.send({
          topic: settings.routes[batch.topic],
          acks: -1,
          messages: batch.messages.map(({ key, value, headers }) => ({ key, value, headers })),
        });
      }
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
  const stop = async () => {
    await consumer.disconnect();
    if (!pool) await producer.disconnect();
    await pool?.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  console.error(`topology floor hop failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

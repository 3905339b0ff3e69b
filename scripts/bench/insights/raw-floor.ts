import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { INPUT_TOPICS } from './input-topics';

export interface FloorResult {
  events: number;
  seconds: number;
  perSecond: number;
  batches: number;
}

/**
 * The raw floor, measured in the same run on the same broker, database and backlog: the backlog
 * consumed with bare kafkajs (`eachBatch`, no decoding or validation beyond reading the id header)
 * and each batch written with one bulk statement (`INSERT … SELECT FROM unnest`, the event id, key
 * and JSON value) and committed, the offsets committed after. What Kafka and Postgres cost on this
 * machine before any of the service's work: the figure the service's throughput is set against.
 */
export async function measureRawFloor(args: {
  brokers: string;
  pool: Pool;
  groupId: string;
  /** Where the backlog begins on each input topic. */
  from: Record<string, Array<{ partition: number; offset: string }>>;
  expected: number;
}): Promise<FloorResult> {
  const { pool, expected } = args;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_floor`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor.events (
    topic text NOT NULL, event_id text NOT NULL, customer_id text NOT NULL, data jsonb NOT NULL,
    PRIMARY KEY (topic, event_id))`);
  const kafka = new Kafka({
    clientId: 'bench-raw-floor',
    brokers: args.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  for (const topic of INPUT_TOPICS)
    await admin.setOffsets({ groupId: args.groupId, topic, partitions: args.from[topic] });
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId: args.groupId, maxWaitTimeInMs: 100 });
  let applied = 0;
  let batches = 0;
  let started = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [...INPUT_TOPICS] });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      started ||= Date.now();
      const rows = batch.messages.map((message) => ({
        id: message.headers?.ce_id?.toString() ?? `${batch.partition}:${message.offset}`,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? 'null',
      }));
      await pool.query(
        `INSERT INTO bench_floor.events (topic, event_id, customer_id, data)
         SELECT $1, id, key, value::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS r(id, key, value)
         ON CONFLICT DO NOTHING`,
        [batch.topic, rows.map((r) => r.id), rows.map((r) => r.key), rows.map((r) => r.value)],
      );
      resolveOffset(batch.lastOffset());
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(batch.lastOffset()) + 1n).toString(),
        },
      ]);
      batches++;
      applied += batch.messages.length;
      if (applied >= expected) resolveDone();
    },
  });
  await done;
  const seconds = (Date.now() - started) / 1000;
  await consumer.disconnect();
  await pool.query(`DROP SCHEMA bench_floor CASCADE`);
  return { events: applied, seconds, perSecond: applied / seconds, batches };
}

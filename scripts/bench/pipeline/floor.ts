import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { LoadPublisher, PreparedEvent } from '../shared/load-publisher';
import { floorTableDdl, upsertBatch } from './upsert-batch';
import { timeUntilWritten } from './time-until-written';

export interface ContenderRun {
  events: number;
  /** From the first publish to the last row committed. */
  seconds: number;
  perSecond: number;
}

/**
 * The floor: what the hardware allows. The same records are produced to topics of the floor's own
 * (as many partitions as the pipeline's) while a bare kafkajs consumer reads them (`eachBatch`, no
 * decoding beyond what Postgres does to the JSON) and writes each batch with one `unnest` upsert,
 * then commits its offsets. Timed from the first publish to the last row committed, like the
 * pipeline; the consumer runs in the bench's process, beside the publisher.
 */
export async function runFloor(args: {
  brokers: string;
  pool: Pool;
  publisher: LoadPublisher;
  events: readonly PreparedEvent[];
  groupId: string;
}): Promise<ContenderRun> {
  const { pool, events } = args;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_floor`);
  await pool.query(floorTableDdl('bench_floor.events'));
  const topics = [...new Set(events.map((event) => event.topic))];
  const kafka = new Kafka({
    clientId: 'bench-floor',
    brokers: args.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: args.groupId, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      await upsertBatch(pool, 'bench_floor.events', batch);
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
  try {
    await within(joined, 60_000, 'the floor consumer did not join its group within 60 s');
    return await timeUntilWritten({
      publisher: args.publisher,
      events,
      count: () => count(pool),
      what: 'the floor',
    });
  } finally {
    await consumer.disconnect();
    await pool.query(`DROP SCHEMA bench_floor CASCADE`);
  }
}

/** `promise`, or a rejection with `message` once `ms` have passed (the timer cleared either way). */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)),
  );
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function count(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM bench_floor.events`);
  return Number(rows[0].n);
}

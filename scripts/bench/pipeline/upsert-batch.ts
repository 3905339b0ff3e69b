import { Batch } from 'kafkajs';
import { Pool } from 'pg';

/** The DDL of a floor's table: one row per message, keyed by where it sits in the log. */
export function floorTableDdl(table: string): string {
  return `CREATE TABLE ${table} (
    topic text NOT NULL, partition integer NOT NULL, "offset" bigint NOT NULL, customer_id text NOT NULL,
    data jsonb NOT NULL, PRIMARY KEY (topic, partition, "offset"))`;
}

/**
 * A floor's whole write: the batch's messages as rows of `table` in one `unnest` upsert, with no
 * decoding beyond what Postgres does to the JSON. A redelivered batch changes nothing.
 */
export async function upsertBatch(pool: Pool, table: string, batch: Batch): Promise<void> {
  await pool.query(
    `INSERT INTO ${table} (topic, partition, "offset", customer_id, data)
     SELECT $1, $2, o, k, v::jsonb FROM unnest($3::bigint[], $4::text[], $5::text[]) AS r(o, k, v)
     ON CONFLICT DO NOTHING`,
    [
      batch.topic,
      batch.partition,
      batch.messages.map((message) => message.offset),
      batch.messages.map((message) => message.key?.toString() ?? ''),
      batch.messages.map((message) => message.value?.toString() ?? 'null'),
    ],
  );
}

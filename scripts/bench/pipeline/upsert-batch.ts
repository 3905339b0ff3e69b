import { Batch, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';

/**
 * The header that names where a record first entered the log: a floor that forwards records through
 * several topics sets it on the first hop, so that the last one keys its rows by the record, not by
 * the offset it happens to have in the last topic (a forward sent twice then counts once).
 */
export const ORIGIN_HEADER = 'origin';

/** Where `message` first entered the log: its origin header, or else its own place in `batch`. */
export function originOf(batch: Pick<Batch, 'topic' | 'partition'>, message: KafkaMessage): string {
  return (
    message.headers?.[ORIGIN_HEADER]?.toString() ?? `${batch.topic}/${batch.partition}/${message.offset}`
  );
}

/** The DDL of a floor's table: one row per record. */
export function floorTableDdl(table: string): string {
  return `CREATE TABLE ${table} (origin text PRIMARY KEY, customer_id text NOT NULL, data jsonb NOT NULL)`;
}

/**
 * A floor's whole write: the batch's messages as rows of `table` in one `unnest` upsert, with no
 * decoding beyond what Postgres does to the JSON. A redelivered record changes nothing.
 */
export async function upsertBatch(pool: Pool, table: string, batch: Batch): Promise<void> {
  await pool.query(
    `INSERT INTO ${table} (origin, customer_id, data)
     SELECT o, k, v::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS r(o, k, v)
     ON CONFLICT DO NOTHING`,
    [
      batch.messages.map((message) => originOf(batch, message)),
      batch.messages.map((message) => message.key?.toString() ?? ''),
      batch.messages.map((message) => message.value?.toString() ?? 'null'),
    ],
  );
}

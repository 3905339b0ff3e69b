import { EntityManager } from 'typeorm';
import { qualifiedProcessedEventsTable } from './processed-events-table';

/**
 * Records `eventIds` as processed by `consumer` and returns the ones that were NOT processed before:
 * the handler applies only those.
 *
 * MUST run inside the transaction that writes the handler's effects (`dataSource.transaction(m => …)`),
 * so the claim and the effect commit or roll back together: a crash after the claim but before the
 * commit leaves the events unclaimed and the redelivery applies them. Outside a transaction it throws.
 *
 * Concurrency: a second transaction claiming an id that an uncommitted one already claimed waits on
 * that row's lock; it gets the id if the first rolls back, and nothing for it if the first commits.
 * Ids are inserted in sorted order so that two overlapping batches lock rows in the same order and
 * cannot deadlock each other.
 */
export async function claimNewEvents(
  manager: EntityManager,
  schema: string,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const table = qualifiedProcessedEventsTable(schema);
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      `claimNewEvents(${consumer}) must run inside the transaction of the handler's writes (use dataSource.transaction)`,
    );
  }
  const uniqueIds = [...new Set(eventIds)];
  if (uniqueIds.length === 0) return new Set();

  const rows: Array<{ event_id: string }> = await manager.query(
    `INSERT INTO ${table} (consumer, event_id)
     SELECT $1, claimed.event_id FROM unnest($2::text[]) AS claimed(event_id) ORDER BY claimed.event_id
     ON CONFLICT DO NOTHING
     RETURNING event_id`,
    [consumer, uniqueIds],
  );
  return new Set(rows.map((row) => row.event_id));
}

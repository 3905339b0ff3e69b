import { EntityManager } from 'typeorm';
import { BulkColumn } from '../bulk/bulk-upsert.types';
import { jsonRowsFrom, jsonRowsParameter } from '../bulk/json-rows';
import { qualifiedProcessedEventsTable } from './processed-events-table';
import { preparedQuery } from '../sql/prepared-query';

const CLAIM_COLUMNS: BulkColumn[] = [
  { name: 'consumer', type: 'text' },
  { name: 'event_id', type: 'text' },
];

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
  const fresh = await claimNewEventsOfConsumers(manager, schema, [{ consumer, eventIds }]);
  return fresh.get(consumer) ?? new Set();
}

/**
 * {@link claimNewEvents} for several consumers' batches written in one transaction, in one statement:
 * per consumer, the ids not processed before. Rows are inserted in (consumer, event id) order, the
 * order a single consumer's claim also follows, so overlapping claims of either kind cannot deadlock.
 */
export async function claimNewEventsOfConsumers(
  manager: EntityManager,
  schema: string,
  claims: ReadonlyArray<{ consumer: string; eventIds: readonly string[] }>,
): Promise<Map<string, Set<string>>> {
  const table = qualifiedProcessedEventsTable(schema);
  const names = claims.map((claim) => claim.consumer).join(', ');
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      `claimNewEvents(${names}) must run inside the transaction of the handler's writes (use dataSource.transaction)`,
    );
  }
  const fresh = new Map(claims.map((claim) => [claim.consumer, new Set<string>()]));
  const claimed: Array<[string, string]> = [];
  for (const claim of claims) {
    for (const id of new Set(claim.eventIds)) claimed.push([claim.consumer, id]);
  }
  if (claimed.length === 0) return fresh;

  const { rows } = await preparedQuery<{ consumer: string; event_id: string }>(
    manager,
    `INSERT INTO ${table} (consumer, event_id)
     SELECT claimed.consumer, claimed.event_id
     FROM ${jsonRowsFrom(CLAIM_COLUMNS, 1, 'claimed')}
     ORDER BY claimed.consumer, claimed.event_id
     ON CONFLICT DO NOTHING
     RETURNING consumer, event_id`,
    [jsonRowsParameter(CLAIM_COLUMNS, claimed)],
  );
  for (const row of rows) fresh.get(row.consumer)!.add(row.event_id);
  return fresh;
}

import { Injectable } from '@nestjs/common';
import { Erasure } from '@supportlens/contracts';
import { EntityManager } from 'typeorm';

/**
 * Advisory-lock namespace (two-int4 form) of a customer's text: writers of a customer's cases hold it
 * shared, an erasure exclusive (see {@link CustomerErasuresRepository}).
 */
export const CUSTOMER_TEXT_LOCK_NAMESPACE = 52_002;

/**
 * The erasure ledger, `classifier.customer_erasures`: one row per erased customer, the latest erasure.
 *
 * Why the locks: a batch of cases reads the ledger, then writes text. Without a lock, an erasure
 * committing between that read and the batch's commit would scrub the rows before the batch's text
 * lands in them, and the text would stay. So a batch takes its customers' locks shared before it
 * reads the ledger (batches never wait for each other), and an erasure takes them exclusive before it
 * writes the ledger: the batch then either commits before the erasure scrubs, or reads its row.
 * Both take them first in their transaction, sorted, so they cannot deadlock.
 */
@Injectable()
export class CustomerErasuresRepository {
  /** For a batch about to store these customers' text: shared locks, then their erasures (one query). */
  async erasuresForWriting(
    manager: EntityManager,
    customerIds: readonly string[],
  ): Promise<Map<string, Date>> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return new Map();
    assertTransaction(manager);
    await manager.query(
      `SELECT pg_advisory_xact_lock_shared($1::int, k.lock_key)
       FROM (SELECT DISTINCT hashtext(id) AS lock_key FROM unnest($2::text[]) AS u(id) ORDER BY 1) k`,
      [CUSTOMER_TEXT_LOCK_NAMESPACE, ids],
    );
    // A statement of its own: its snapshot is taken after the locks, so it sees an erasure that held them.
    const rows: Array<{ customer_id: string; erased_at: Date }> = await manager.query(
      `SELECT customer_id, erased_at FROM classifier.customer_erasures WHERE customer_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.customer_id, row.erased_at]));
  }

  /**
   * Records the erasures (the later one wins) under the customers' exclusive locks, and returns each
   * customer's erasure as the ledger now holds it: what their text is scrubbed up to.
   */
  async record(manager: EntityManager, erasures: readonly Erasure[]): Promise<Erasure[]> {
    if (erasures.length === 0) return [];
    assertTransaction(manager);
    const ids = erasures.map((erasure) => erasure.customerId);
    await manager.query(
      `SELECT pg_advisory_xact_lock($1::int, k.lock_key)
       FROM (SELECT DISTINCT hashtext(id) AS lock_key FROM unnest($2::text[]) AS u(id) ORDER BY 1) k`,
      [CUSTOMER_TEXT_LOCK_NAMESPACE, ids],
    );
    // erased_at goes back as RFC 3339 text with microseconds: a Date would round it to milliseconds.
    return manager.query(
      `INSERT INTO classifier.customer_erasures AS t (customer_id, erased_at)
       SELECT u.customer_id, u.erased_at
       FROM unnest($1::text[], $2::timestamptz[]) AS u(customer_id, erased_at)
       ORDER BY u.customer_id COLLATE "C"
       ON CONFLICT (customer_id) DO UPDATE SET erased_at = greatest(t.erased_at, EXCLUDED.erased_at)
       RETURNING customer_id AS "customerId",
                 to_char(erased_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "erasedAt"`,
      [ids, erasures.map((erasure) => erasure.erasedAt)],
    );
  }
}

function assertTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('the erasure ledger is read and written in a transaction (its locks last until commit)');
  }
}

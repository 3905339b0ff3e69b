import { EntityManager } from 'typeorm';
import { quoteQualifiedName } from '../sql/identifiers';

/** One customer's erasure: their personal data is gone, and their free text up to `erasedAt`. */
export interface LedgerErasure {
  customerId: string;
  erasedAt: string;
}

const LOCK_SQL = (lock: 'pg_advisory_xact_lock' | 'pg_advisory_xact_lock_shared') => `
SELECT ${lock}($1::int, k.lock_key)
FROM (SELECT DISTINCT hashtext(id) AS lock_key FROM unnest($2::text[]) AS u(id) ORDER BY 1) k`;

/**
 * A service's erasure ledger, `<schema>.customer_erasures` (customer_id primary key, erased_at): one
 * row per erased customer, the latest erasure. Every service that keeps customers' free text keeps
 * one, in its own schema, under its own advisory-lock namespace.
 *
 * Why the locks: a batch reads the ledger, then writes its customers' text. Without a lock, an
 * erasure committing between that read and the batch's commit would scrub the rows before the
 * batch's text lands in them, and the text would stay. So a writer takes its customers' locks shared
 * before it reads the ledger (batches never wait for each other), and an erasure takes them exclusive
 * before it writes the ledger: the batch either commits before the erasure scrubs, or reads the
 * erasure. Both take them first in their transaction, sorted, so they cannot deadlock.
 */
export class CustomerErasureLedger {
  private readonly table: string;

  /**
   * @param schema the service's schema, which holds `customer_erasures`
   * @param lockNamespace the first int4 of the two-int4 advisory locks on a customer's text
   */
  constructor(
    schema: string,
    private readonly lockNamespace: number,
  ) {
    this.table = quoteQualifiedName(`${schema}.customer_erasures`);
  }

  /** For a batch about to store these customers' text: shared locks, then their erasures. */
  async erasuresForWriting(
    manager: EntityManager,
    customerIds: readonly string[],
  ): Promise<Map<string, Date>> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return new Map();
    assertTransaction(manager);
    await manager.query(LOCK_SQL('pg_advisory_xact_lock_shared'), [this.lockNamespace, ids]);
    // A statement of its own: its snapshot is taken after the locks, so it sees an erasure that held them.
    const rows: Array<{ customer_id: string; erased_at: Date }> = await manager.query(
      `SELECT customer_id, erased_at FROM ${this.table} WHERE customer_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.customer_id, row.erased_at]));
  }

  /**
   * Records the erasures (the later one wins) under the customers' exclusive locks, and returns each
   * customer's erasure as the ledger now holds it: what their text is scrubbed up to. `erasedAt`
   * comes back as RFC 3339 text with microseconds (a Date would round it to milliseconds).
   */
  async record(manager: EntityManager, erasures: readonly LedgerErasure[]): Promise<LedgerErasure[]> {
    if (erasures.length === 0) return [];
    assertTransaction(manager);
    const ids = erasures.map((erasure) => erasure.customerId);
    await manager.query(LOCK_SQL('pg_advisory_xact_lock'), [this.lockNamespace, ids]);
    return manager.query(
      `INSERT INTO ${this.table} AS t (customer_id, erased_at)
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

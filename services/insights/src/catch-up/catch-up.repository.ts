import { EntityManager } from 'typeorm';
import { LOCK_CUSTOMERS_SQL } from '../customers/refresh-profiles.sql';

export interface DeferredCustomers {
  customerIds: string[];
  /** The latest batch event time among them (see `deferred_customers.event_time`). */
  latestEventTime: Date | null;
}

/** The only place that touches `insights.catch_up` and `insights.deferred_customers`. */
export class CatchUpRepository {
  /**
   * Whether the batch defers its customers' judging. A shared lock held to the batch's commit: the
   * catch-up's end takes the row exclusively, so a batch either committed its deferred customers
   * before the end judges them or sees the catch-up over and judges its customers itself.
   */
  async catchingUpForBatch(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT catching_up FROM insights.catch_up FOR SHARE`);
    return row?.catching_up === true;
  }

  async catchingUp(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT catching_up FROM insights.catch_up`);
    return row?.catching_up === true;
  }

  /** Starts a catch-up; false when one was already on (another instance may have started it). */
  async enter(manager: EntityManager, lag: number): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = (await manager.query(
      `UPDATE insights.catch_up SET catching_up = true, entered_lag = $1, entered_at = now(), finished_at = NULL
       WHERE NOT catching_up`,
      [lag],
    )) as [unknown, number];
    return affected > 0;
  }

  /** Locks the row for the catch-up's end; false when no catch-up is on. */
  async lockForFinish(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT catching_up FROM insights.catch_up FOR UPDATE`);
    return row?.catching_up === true;
  }

  async finish(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE insights.catch_up SET catching_up = false, finished_at = now()`);
  }

  /** Notes customers to judge at the catch-up's end. Under their customer locks (see the writer). */
  async defer(manager: EntityManager, customerIds: string[], eventTime: Date): Promise<void> {
    if (customerIds.length === 0) return;
    await manager.query(
      `INSERT INTO insights.deferred_customers AS d (customer_id, event_time)
       SELECT DISTINCT unnest($1::text[]), $2::timestamptz
       ON CONFLICT (customer_id) DO UPDATE SET event_time = greatest(d.event_time, EXCLUDED.event_time)`,
      [customerIds, eventTime],
    );
  }

  /**
   * Takes up to `limit` deferred customers off the list, under their customer locks, taken before
   * their rows as a batch takes them (locks, then rows), so the two never wait on each other in a
   * circle. Another instance taking the same customers waits on the locks, then finds them gone.
   */
  async takeDeferred(manager: EntityManager, limit: number): Promise<DeferredCustomers> {
    const candidates: Array<{ customer_id: string }> = await manager.query(
      `SELECT customer_id FROM insights.deferred_customers ORDER BY customer_id LIMIT $1`,
      [limit],
    );
    if (candidates.length === 0) return { customerIds: [], latestEventTime: null };
    const ids = candidates.map((row) => row.customer_id);
    await manager.query(LOCK_CUSTOMERS_SQL, [ids]);
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [taken] = (await manager.query(
      `DELETE FROM insights.deferred_customers WHERE customer_id = ANY($1::text[])
       RETURNING customer_id, event_time`,
      [ids],
    )) as [Array<{ customer_id: string; event_time: Date }>, number];
    let latest: Date | null = null;
    for (const row of taken) if (!latest || row.event_time > latest) latest = row.event_time;
    return { customerIds: taken.map((row) => row.customer_id).sort(), latestEventTime: latest };
  }

  async deferredCount(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM insights.deferred_customers`);
    return row.n;
  }
}

import { EntityManager } from 'typeorm';

/**
 * Advisory-lock key (two-int4 form; other insights namespaces: 51_001/51_002 rollups, 51_020 segments,
 * 53_101 topics) of the catch-up: batches hold it shared, turning catch-up on or off holds it
 * exclusively. The lock manager queues a new shared request behind a waiting exclusive one, so the
 * end of a catch-up is never starved by a steady stream of batches (a row lock would be).
 */
const CATCH_UP_LOCK = '51030, 1';

export interface CatchUpState {
  catchingUp: boolean;
  enteredAt: Date | null;
}

export interface DeferredCustomers {
  customerIds: string[];
  /** Per customer, the latest batch event time that deferred them (see `deferred_customers`). */
  eventTimes: Map<string, Date>;
}

/** The only place that touches `insights.catch_up` and `insights.deferred_customers`. */
export class CatchUpRepository {
  /**
   * Whether the batch defers its judging, under the catch-up lock held shared to the batch's commit:
   * turning catch-up off waits for the batches in flight, so a batch either committed its deferred
   * customers before the end judges them or sees the catch-up over and judges its customers itself.
   */
  async catchingUpForBatch(manager: EntityManager): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${CATCH_UP_LOCK})`);
    return (await this.state(manager)).catchingUp;
  }

  async state(manager: EntityManager): Promise<CatchUpState> {
    const [row] = await manager.query(`SELECT catching_up, entered_at FROM insights.catch_up`);
    return { catchingUp: row?.catching_up === true, enteredAt: row?.entered_at ?? null };
  }

  /** The catch-up lock, exclusively: no batch is in flight until the caller's transaction ends. */
  async lockExclusively(manager: EntityManager): Promise<CatchUpState> {
    await manager.query(`SELECT pg_advisory_xact_lock(${CATCH_UP_LOCK})`);
    return this.state(manager);
  }

  /** Starts a catch-up; false when one was already on (another instance may have started it). */
  async enter(manager: EntityManager, lag: number): Promise<boolean> {
    if ((await this.lockExclusively(manager)).catchingUp) return false;
    await manager.query(
      `UPDATE insights.catch_up SET catching_up = true, entered_lag = $1, entered_at = now(), finished_at = NULL`,
      [lag],
    );
    return true;
  }

  /** Ends the catch-up; under {@link lockExclusively}. */
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
   * Takes up to `limit` deferred customers off the list, each under its customer lock (the key the
   * writer's LOCK_CUSTOMERS_SQL takes), tried, never waited for: a customer whose lock a batch or
   * another instance holds is skipped and stays on the list, so takers never wait on each other or on
   * a batch, in any order.
   */
  async takeDeferred(manager: EntityManager, limit: number): Promise<DeferredCustomers> {
    const [taken] = (await manager.query(
      `WITH candidates AS (
         SELECT customer_id FROM insights.deferred_customers ORDER BY customer_id LIMIT $1
       ),
       locked AS (
         SELECT customer_id FROM candidates WHERE pg_try_advisory_xact_lock(hashtextextended(customer_id, 0))
       )
       DELETE FROM insights.deferred_customers d USING locked l WHERE d.customer_id = l.customer_id
       RETURNING d.customer_id, d.event_time`,
      [limit],
    )) as [Array<{ customer_id: string; event_time: Date }>, number];
    return {
      customerIds: taken.map((row) => row.customer_id).sort(),
      eventTimes: new Map(taken.map((row) => [row.customer_id, row.event_time])),
    };
  }

  async deferredCount(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM insights.deferred_customers`);
    return row.n;
  }
}

import { Pool } from 'pg';
import { AppliedProbe, TrackedEvent } from '../shared/applied-probe';

/**
 * Reads what insights has committed. An event is applied when its id is in
 * `insights.processed_events`: the claim commits in the same transaction as the facts, the profile,
 * the rollups and (outside a catch-up) the detectors' state, so a visible claim means every read model
 * reflects the event (committed rows, not handler calls). During a catch-up the detectors judge at its
 * end: see {@link AppliedEvents.catchUp}.
 */
export class AppliedEvents implements AppliedProbe {
  constructor(private readonly pool: Pool) {}

  /** Every committed inbox row of this database: cheap, used while waiting for a known total. */
  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM insights.processed_events`,
    );
    return Number(rows[0].n);
  }

  /**
   * The ids among `events` that are committed (the inbox names its consumers after their input
   * topic, see the two handlers), looked up by the inbox's primary key (consumer,
   * event id): the cost grows with the events asked about, not with the table.
   */
  async committed(events: readonly TrackedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const { rows } = await this.pool.query<{ event_id: string }>(
      `SELECT p.event_id FROM unnest($1::text[], $2::text[]) AS k(consumer, event_id)
       JOIN insights.processed_events p ON p.consumer = k.consumer AND p.event_id = k.event_id`,
      [events.map((event) => event.topic), events.map((event) => event.id)],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /**
   * Whether insights is catching up (judging deferred to the end of the input, services/insights
   * catch-up/), and whether it caught up at all since the database was made.
   */
  async catchUp(): Promise<{ catchingUp: boolean; ran: boolean; enteredLag: number | null }> {
    const { rows } = await this.pool.query<{
      catching_up: boolean;
      entered_at: Date | null;
      entered_lag: string | null;
    }>(`SELECT catching_up, entered_at, entered_lag FROM insights.catch_up`);
    const row = rows[0];
    return {
      catchingUp: row?.catching_up ?? false,
      ran: row?.entered_at != null,
      enteredLag: row?.entered_lag == null ? null : Number(row.entered_lag),
    };
  }
}

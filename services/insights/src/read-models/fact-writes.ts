import { Injectable } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { isTransientFailure } from '@supportlens/messaging';
import { isLockTableFull } from '@supportlens/persistence';
import { CallCoalescer } from '@supportlens/platform';
import { InsightsConfig } from '../config/insights.config';
import { FactRow } from './fact-row';
import { ReadModelWriter } from './read-model-writer';

/**
 * The most events one write takes (a larger partition batch is written in parts). A write takes a
 * few advisory locks per event (its cases, responses and customers), and Postgres' lock table is
 * shared by every transaction (`max_locks_per_transaction` × connections, 6,400 by default): a
 * replay's writes of 20,000 events overflowed it ("out of shared memory") and, retried whole, never
 * passed. With two writers at 1,500 events the bench's backlog peaked at 5,781 rows in `pg_locks`, at
 * 1,000 at 4,022 (sustained 3,142 events/s against 3,492–3,651 at 1,500, and 2,418–2,878 with one
 * writer at 1,500), leaving room for the other services' transactions.
 */
export const MAX_EVENTS_PER_WRITE = 1_000;

/**
 * How long a write waits after the previous one, unless a full write is already waiting: the two
 * consumers whose batches it held commit and fetch again (a fetch with nothing new returns after the
 * consumers' 100 ms `maxWaitTimeInMs`), and their next batches then go in one write. Without it the
 * first consumer back wrote alone while the other queued behind it, so the consumers took turns and
 * each waited two writes. `npm run bench:insights -- --events 30000 --rate 900`: p99 4.3–4.9 s
 * without, 3.5 s at 40 ms, 1.8–2.9 s at 100 ms, 3.1 s at 150 ms; a backlog's throughput is unchanged
 * (its writes are full).
 */
const WRITE_LINGER_MS = 100;

interface InputRow {
  input: 'cases' | 'surveys';
  row: FactRow;
}

/**
 * Where both input consumers hand their batches. Batches that arrive together (kafkajs hands over the
 * partitions of a fetch at once; the case and survey consumers fetch side by side) go in one write,
 * one transaction, and those arriving while it runs go in the next. Every batch touches the same
 * shared rows (the day's rollups and windows) and, within a partition, the same customers, so separate
 * transactions would only queue on each other's locks, each paying a batch's fixed work; together
 * they pay it once.
 *
 * Writes go through INSIGHTS_WRITERS writers, one transaction at a time each: partition p of either
 * topic goes to writer p mod N. Both topics are keyed by customer id, so a customer's cases and
 * answers share a partition number and a writer, and the writers' customers do not overlap: their
 * writes run side by side (one computes while the other waits on Postgres) and each re-reads half the
 * large customers' history. bench:insights at 900 events/s: p99 1.3 s with two writers against 1.7 s
 * with one; two concurrent writes of the same partitions instead only queued on each other's customer
 * and fact locks (p99 2.5 s).
 *
 * Each partition's batch still commits its own offset after the write, and the next batch of a
 * partition is fetched only after that, so per-partition order holds. A failure every batch shares
 * (Postgres away) fails them all, to be retried by their consumers; any other is retried batch by
 * batch, so one batch's bad event cannot fail its neighbours.
 */
@Injectable()
export class FactWrites {
  private readonly writers: Array<CallCoalescer<InputRow, boolean>>;

  constructor(
    private readonly writer: ReadModelWriter,
    config: InsightsConfig,
  ) {
    this.writers = Array.from(
      { length: config.INSIGHTS_WRITERS },
      () =>
        new CallCoalescer<InputRow, boolean>((rows) => this.write(rows), {
          maxItems: MAX_EVENTS_PER_WRITE,
          maxConcurrent: 1,
          // A full lock table may be this write's own doing: its batches are then retried one by one.
          sharedFailure: (error) => isTransientFailure(error) && !isLockTableFull(error),
          gatherWithinTick: true,
          lingerMs: WRITE_LINGER_MS,
        }),
    );
  }

  /**
   * Per row of a partition's batch, whether its event was new (false: a duplicate). A batch larger
   * than one write goes in consecutive parts; its offset commits after the last.
   */
  cases(partition: number, rows: FactRow[]): Promise<boolean[]> {
    return this.writerOf(partition).submit(rows.map((row) => ({ input: 'cases', row })));
  }

  surveys(partition: number, rows: FactRow[]): Promise<boolean[]> {
    return this.writerOf(partition).submit(rows.map((row) => ({ input: 'surveys', row })));
  }

  private writerOf(partition: number): CallCoalescer<InputRow, boolean> {
    return this.writers[partition % this.writers.length];
  }

  private async write(rows: InputRow[]): Promise<boolean[]> {
    const of = (input: InputRow['input']) => rows.filter((r) => r.input === input).map((r) => r.row);
    const fresh = await this.writer.apply({
      cases: { consumer: Topics.CasesClassified, rows: of('cases') },
      surveys: { consumer: Topics.SurveysScored, rows: of('surveys') },
    });
    // Back in the order the rows came: each input's flags are in its rows' order.
    const next = { cases: 0, surveys: 0 };
    return rows.map(({ input }) => fresh[input][next[input]++]);
  }
}

import { Injectable } from '@nestjs/common';
import { Topics } from '@supportlens/contracts';
import { isTransientFailure } from '@supportlens/messaging';
import { isLockTableFull } from '@supportlens/persistence';
import { CallCoalescer } from '@supportlens/platform';
import { FactRow } from './fact-row';
import { ReadModelWriter } from './read-model-writer';

/**
 * The most events one write takes (a larger partition batch is written in parts). A write takes a few advisory locks per event (its cases, responses and customers), and
 * Postgres' lock table is shared by every transaction (`max_locks_per_transaction` × connections,
 * 6,400 by default): a replay's writes of 20,000 events overflowed it ("out of shared memory") and,
 * retried whole, never passed.
 */
export const MAX_EVENTS_PER_WRITE = 1_500;

interface InputRow {
  input: 'cases' | 'surveys';
  row: FactRow;
}

/**
 * Where both input consumers hand their batches. Batches that arrive together (kafkajs hands over the
 * partitions of a fetch at once; the case and survey consumers fetch side by side) go in one write,
 * one transaction, and those arriving while it runs go in the next. Every batch touches the same
 * shared rows (the day's rollups and windows) and the same large customers, so separate transactions
 * would only queue on each other's locks, each paying a batch's fixed work; together they pay it once.
 * Each partition's batch still commits its own offset after the write, and the next batch of a
 * partition is fetched only after that, so per-partition order holds. A failure every batch shares
 * (Postgres away) fails them all, to be retried by their consumers; any other is retried batch by
 * batch, so one batch's bad event cannot fail its neighbours.
 */
@Injectable()
export class FactWrites {
  private readonly coalescer = new CallCoalescer<InputRow, boolean>((rows) => this.write(rows), {
    maxItems: MAX_EVENTS_PER_WRITE,
    maxConcurrent: 1,
    // A full lock table may be this write's own doing: its batches are then retried one by one.
    sharedFailure: (error) => isTransientFailure(error) && !isLockTableFull(error),
    gatherWithinTick: true,
  });

  constructor(private readonly writer: ReadModelWriter) {}

  /** Per row, whether its event was new (false: a duplicate). */
  cases(rows: FactRow[]): Promise<boolean[]> {
    return this.submit(rows.map((row) => ({ input: 'cases', row })));
  }

  surveys(rows: FactRow[]): Promise<boolean[]> {
    return this.submit(rows.map((row) => ({ input: 'surveys', row })));
  }

  /**
   * A batch larger than one write goes in consecutive parts, in order (the coalescer would send it
   * whole): its partition's offset is committed only after the last part.
   */
  private async submit(rows: InputRow[]): Promise<boolean[]> {
    const fresh: boolean[] = [];
    for (let start = 0; start < rows.length; start += MAX_EVENTS_PER_WRITE) {
      fresh.push(...(await this.coalescer.submit(rows.slice(start, start + MAX_EVENTS_PER_WRITE))));
    }
    return fresh;
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

import { isTransientFailure } from '@supportlens/messaging';
import { CallCoalescer } from '@supportlens/platform';
import { FactRow } from './fact-row';

/** The most events one coalesced write takes: about six full partition batches of 4 MiB. */
export const MAX_EVENTS_PER_WRITE = 10_000;

/**
 * One input topic's batches that arrive together (kafkajs hands over the partitions of one fetch at
 * once) are written in one transaction, and those arriving while it runs go in the next. Every batch
 * touches the same shared rows (the day's rollups and windows), so separate transactions would only
 * queue on those row locks, each paying the fixed work of a batch; together they pay it once. Each
 * partition's batch still commits its own offset after the write, and the next batch of a partition is
 * fetched only after that, so per-partition order holds. A failure every batch shares (Postgres away)
 * fails them all, to be retried by their consumers; any other is retried batch by batch, so one batch's
 * bad event cannot fail its neighbours.
 */
export function factWriteCoalescer(
  write: (rows: FactRow[]) => Promise<boolean[]>,
): CallCoalescer<FactRow, boolean> {
  return new CallCoalescer(write, {
    maxItems: MAX_EVENTS_PER_WRITE,
    maxConcurrent: 1,
    sharedFailure: isTransientFailure,
    gatherWithinTick: true,
  });
}

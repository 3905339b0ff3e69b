import { AppliedBatch } from '../read-models/applied-batch';
import { windowDeltas, WindowRows } from './domain/window-contributions';
import { toWindowCase } from './window-case-row';

/** Window rows shared between the steps of one write: read, never changed. */
export type SharedWindowRows = {
  readonly [Table in keyof WindowRows]: ReadonlyArray<Readonly<WindowRows[Table][number]>>;
};

/**
 * Worked out once per batch: the windows step writes them and the content-topics detector reads which
 * topics they touch, and netting a large batch's rows twice was 5% of insights' CPU. Keyed by the
 * batch's case changes, which a write builds once and never changes.
 */
const computed = new WeakMap<AppliedBatch['caseChanges'], SharedWindowRows>();

/** What a batch's case changes add to the windows (netted: unchanged contributions give no row). Pure. */
export function batchWindowDeltas(batch: Pick<AppliedBatch, 'caseChanges'>): SharedWindowRows {
  let deltas = computed.get(batch.caseChanges);
  if (!deltas) {
    deltas = windowDeltas(
      batch.caseChanges.map((change) => ({
        before: change.before ? toWindowCase(change.before) : null,
        after: toWindowCase(change.after),
      })),
    );
    computed.set(batch.caseChanges, deltas);
  }
  return deltas;
}

import { AppliedBatch } from '../read-models/applied-batch';
import { windowDeltas, WindowRows } from './domain/window-contributions';
import { toWindowCase } from './window-case-row';

/** What a batch's case changes add to the windows (netted: unchanged contributions give no row). Pure. */
export function batchWindowDeltas(batch: Pick<AppliedBatch, 'caseChanges'>): WindowRows {
  return windowDeltas(
    batch.caseChanges.map((change) => ({
      before: change.before ? toWindowCase(change.before) : null,
      after: toWindowCase(change.after),
    })),
  );
}

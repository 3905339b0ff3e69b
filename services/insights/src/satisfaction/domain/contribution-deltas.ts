import { rollupRowsOf, RollupRow } from './response-contribution';
import { negateMeasures, sameMeasures } from './satisfaction-measures';
import { SatisfactionResponse } from './satisfaction-response';

/** A response as it was stored before (null: new) and as it is stored now (null: gone). */
export interface ResponseChange {
  before: SatisfactionResponse | null;
  after: SatisfactionResponse | null;
}

/**
 * The rollup rows to ADD so that the rollup follows the changes: each response's old contribution
 * taken out (negated rows) and its new one put in. A group whose contribution did not change (same
 * day, group and measures before and after) gives no row at all, so re-applying an unchanged response
 * or re-linking it to the same case touches nothing.
 *
 * Rows are not merged across keys here: several rows may share a key and the database statement sums
 * them (in exact `numeric`), so no floating-point rounding creeps into the stored sums. Pure.
 */
export function contributionDeltas(changes: readonly ResponseChange[]): RollupRow[] {
  const deltas: RollupRow[] = [];
  for (const { before, after } of changes) {
    const removed = before
      ? rollupRowsOf(before).map((row) => ({ ...row, measures: negateMeasures(row.measures) }))
      : [];
    const added = after ? rollupRowsOf(after) : [];
    for (const row of added) {
      const same = removed.findIndex(
        (old) =>
          old.day === row.day &&
          old.groupKind === row.groupKind &&
          old.groupValue === row.groupValue &&
          sameMeasures(negateMeasures(old.measures), row.measures),
      );
      if (same >= 0) removed.splice(same, 1);
      else deltas.push(row);
    }
    deltas.push(...removed);
  }
  return deltas;
}

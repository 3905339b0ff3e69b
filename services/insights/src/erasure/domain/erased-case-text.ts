import { isErased } from '@supportlens/contracts';

/** A case fact as far as erasure is concerned: whose it is, its version time and its free text. */
export interface CaseTextRow {
  customer_id: string;
  /** The version time (an RFC 3339 string or a Date). */
  event_time?: unknown;
  phrasing?: unknown;
  terms?: unknown;
}

/**
 * The batch's case facts as they may be stored: a version dated at or before its customer's erasure
 * keeps its figures but not its free text (the masked phrasing and its key terms), so a replay or a
 * late re-send brings none of it back. Other rows are returned as they are. Pure.
 */
export function withoutErasedCaseText<Row extends CaseTextRow>(
  rows: readonly Row[],
  erasedAt: ReadonlyMap<string, Date>,
): Row[] {
  if (erasedAt.size === 0) return [...rows];
  return rows.map((row) =>
    isErased(erasedAt.get(row.customer_id), row.event_time as string | Date)
      ? { ...row, phrasing: null, terms: null }
      : row,
  );
}

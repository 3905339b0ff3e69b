/** Postgres column types bulkUpsert can bind as one array parameter per column. */
export type BulkColumnType =
  'text' | 'int' | 'bigint' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb' | 'date' | 'double precision';

export interface BulkColumn {
  name: string;
  type: BulkColumnType;
}

export interface BulkUpsertStatement {
  /** `schema.table`; aliased `t` in the statement, so `onlyWhen` can say `t.version`. */
  table: string;
  columns: BulkColumn[];
  /** Must match a unique index or constraint of the table exactly. */
  conflictColumns: string[];
  /** Defaults to every column that is not a conflict column; none left means `DO NOTHING`. */
  updateColumns?: string[];
  /**
   * Trusted SQL (written by us, never from input) guarding the update, e.g.
   * `EXCLUDED.version >= t.version`. Rows it rejects are left untouched and not counted.
   */
  onlyWhen?: string;
  returning?: string[];
}

export interface BulkUpsertOptions extends BulkUpsertStatement {
  /** Keyed by column name; a missing or `undefined` value is written as NULL. */
  rows: ReadonlyArray<Record<string, unknown>>;
}

export interface BulkUpsertResult<Row = Record<string, unknown>> {
  /** Rows inserted or updated (a guarded no-op update does not count). */
  affected: number;
  /** The `returning` columns of the affected rows; empty without `returning`. */
  rows: Row[];
}

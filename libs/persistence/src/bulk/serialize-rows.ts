import { BulkColumn } from './bulk-upsert.types';

/**
 * Each row as the tuple of values bound for `columns`, in column order. Values are converted where
 * node-postgres' own conversion would be ambiguous:
 * - jsonb: the JS value itself, sent as JSON inside the rows' parameter (see json-rows.ts; a JS string
 *   becomes a JSON string); null/undefined → SQL NULL;
 * - timestamptz: a Date becomes an ISO instant (UTC), independent of the process time zone;
 * - date: a Date becomes its UTC calendar day (`new Date('2026-01-31')` → '2026-01-31');
 * - bigint: JS bigint → decimal string.
 */
export function serializeRows(
  columns: readonly BulkColumn[],
  rows: ReadonlyArray<Record<string, unknown>>,
): unknown[][] {
  return rows.map((row, rowIndex) =>
    columns.map((column) => {
      try {
        return serializeValue(column, row[column.name]);
      } catch (err) {
        throw new Error(`bulkUpsert row ${rowIndex}, column ${column.name}: ${(err as Error).message}`);
      }
    }),
  );
}

function serializeValue(column: BulkColumn, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'jsonb':
      return value;
    case 'timestamptz':
      return value instanceof Date ? validDate(value).toISOString() : value;
    case 'date':
      return value instanceof Date ? validDate(value).toISOString().slice(0, 10) : value;
    default:
      return typeof value === 'bigint' ? value.toString() : value;
  }
}

function validDate(value: Date): Date {
  if (Number.isNaN(value.getTime())) throw new Error('invalid Date');
  return value;
}

import { FactRow } from './fact-row';

/**
 * Keeps, per record (its key columns), the version the database guard would keep: the highest
 * event_time, and of equal ones the later in Kafka order. Without this a batch holding a newer version
 * followed by a late copy of an older one would write the older one (the last in the batch). Pure.
 */
export function latestVersionPerKey(rows: readonly FactRow[], keyColumns: readonly string[]): FactRow[] {
  const latest = new Map<string, { row: FactRow; time: number }>();
  for (const row of rows) {
    const key = JSON.stringify(keyColumns.map((column) => row[column]));
    const time = Date.parse(String(row.event_time));
    const kept = latest.get(key);
    if (!kept || time >= kept.time) latest.set(key, { row, time });
  }
  return [...latest.values()].map((entry) => entry.row);
}

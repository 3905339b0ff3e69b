import { EntityManager } from 'typeorm';
import { preparedQuery } from '../sql/prepared-query';
import { buildBulkUpsertSql } from './build-bulk-upsert-sql';
import { BulkUpsertOptions, BulkUpsertResult } from './bulk-upsert.types';
import { keepLastPerConflictKey } from './keep-last-per-conflict-key';
import { jsonRowsParameter } from './json-rows';
import { serializeRows } from './serialize-rows';

/**
 * Inserts or updates all `rows` in ONE statement (one jsonb parameter holding every row, see
 * buildBulkUpsertSql), whatever their number. Runs on `manager`: pass the transaction's manager to
 * make the upsert part of it.
 *
 * Rows sharing a conflict key are collapsed to the LAST one (Postgres cannot update a row twice in
 * one statement). An empty batch sends no query.
 */
export async function bulkUpsert<Row = Record<string, unknown>>(
  manager: EntityManager,
  options: BulkUpsertOptions,
): Promise<BulkUpsertResult<Row>> {
  // Built before the empty check so a malformed call fails even when it happens to get no rows.
  const sql = buildBulkUpsertSql(options);
  if (options.rows.length === 0) return { affected: 0, rows: [] };

  const keyIndexes = options.conflictColumns.map((name) =>
    options.columns.findIndex((column) => column.name === name),
  );
  const tuples = keepLastPerConflictKey(serializeRows(options.columns, options.rows), keyIndexes);

  // Prepared: the text is fixed per table and columns, so its plan is reused (see preparedQuery).
  const result = await preparedQuery<Row>(manager, sql, [jsonRowsParameter(options.columns, tuples)]);
  return { affected: result.rowCount, rows: result.rows };
}

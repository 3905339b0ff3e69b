import { EntityManager, QueryResult } from 'typeorm';
import { buildBulkUpsertSql } from './build-bulk-upsert-sql';
import { BulkUpsertOptions, BulkUpsertResult } from './bulk-upsert.types';
import { keepLastPerConflictKey } from './keep-last-per-conflict-key';
import { serializeRows } from './serialize-rows';

/**
 * Inserts or updates all `rows` in ONE statement (one array parameter per column, see
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
  const parameters = options.columns.map((_, columnIndex) => tuples.map((tuple) => tuple[columnIndex]));

  // The structured result (with the affected count) is only available from the query runner itself.
  const queryRunner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result: QueryResult = await queryRunner.query(sql, parameters, true);
    return { affected: result.affected ?? 0, rows: (result.records ?? []) as Row[] };
  } finally {
    if (queryRunner !== manager.queryRunner) await queryRunner.release();
  }
}

import { quoteIdentifier, quoteQualifiedName } from '../sql/identifiers';
import { BulkColumnType, BulkUpsertStatement } from './bulk-upsert.types';
import { jsonRowsFrom } from './json-rows';

const COLUMN_TYPES: ReadonlySet<BulkColumnType> = new Set<BulkColumnType>([
  'text',
  'int',
  'bigint',
  'numeric',
  'boolean',
  'timestamptz',
  'jsonb',
  'date',
  'double precision',
]);

/**
 * One set-based statement for any number of rows: the rows are ONE jsonb parameter (an array of row
 * arrays, see json-rows.ts), read back as typed rows, and ON CONFLICT decides insert or update per row.
 *
 *   INSERT INTO "s"."t" AS t ("id", "doc") SELECT u."id", u."doc"
 *   FROM (SELECT (r ->> 0) AS "id", nullif(r -> 1, 'null'::jsonb) AS "doc"
 *         FROM jsonb_array_elements($1::jsonb) AS r) AS u
 *   ON CONFLICT ("id") DO UPDATE SET "doc" = EXCLUDED."doc" WHERE <onlyWhen>
 */
export function buildBulkUpsertSql(statement: BulkUpsertStatement): string {
  const { columns, conflictColumns } = statement;
  const table = quoteQualifiedName(statement.table);
  if (columns.length === 0) throw new Error(`bulkUpsert into ${statement.table}: no columns`);
  if (conflictColumns.length === 0) {
    throw new Error(`bulkUpsert into ${statement.table}: no conflict columns`);
  }

  const columnNames = columns.map((column) => column.name);
  const duplicate = columnNames.find((name, index) => columnNames.indexOf(name) !== index);
  if (duplicate) throw new Error(`bulkUpsert into ${statement.table}: column ${duplicate} listed twice`);
  for (const column of columns) {
    if (!COLUMN_TYPES.has(column.type)) {
      throw new Error(
        `bulkUpsert into ${statement.table}: unsupported type ${JSON.stringify(column.type)} for ${column.name}`,
      );
    }
  }
  const assertKnown = (names: string[], role: string) => {
    const unknown = names.find((name) => !columnNames.includes(name));
    if (unknown !== undefined) {
      throw new Error(
        `bulkUpsert into ${statement.table}: ${role} column ${JSON.stringify(unknown)} is not in columns`,
      );
    }
  };
  assertKnown(conflictColumns, 'conflict');
  // Rows sharing a key are collapsed by the key's text (keepLastPerConflictKey); a jsonb value has none.
  const jsonbKey = columns.find((column) => column.type === 'jsonb' && conflictColumns.includes(column.name));
  if (jsonbKey) {
    throw new Error(`bulkUpsert into ${statement.table}: conflict column ${jsonbKey.name} is jsonb`);
  }
  const updateColumns =
    statement.updateColumns ?? columnNames.filter((name) => !conflictColumns.includes(name));
  assertKnown(updateColumns, 'update');

  const quotedColumns = columns.map((column) => quoteIdentifier(column.name, 'column name'));

  const lines = [
    `INSERT INTO ${table} AS t (${quotedColumns.join(', ')})`,
    `SELECT ${quotedColumns.map((column) => `u.${column}`).join(', ')}`,
    `FROM ${jsonRowsFrom(columns, 1, 'u')}`,
    `ON CONFLICT (${conflictColumns.map((name) => quoteIdentifier(name, 'column name')).join(', ')})`,
  ];
  if (updateColumns.length === 0) {
    if (statement.onlyWhen?.trim()) {
      throw new Error(`bulkUpsert into ${statement.table}: onlyWhen without columns to update`);
    }
    lines.push('DO NOTHING');
  } else {
    const assignments = updateColumns.map(
      (name) => `${quoteIdentifier(name, 'column name')} = EXCLUDED.${quoteIdentifier(name)}`,
    );
    lines.push(`DO UPDATE SET ${assignments.join(', ')}`);
    if (statement.onlyWhen?.trim()) lines.push(`WHERE ${statement.onlyWhen.trim()}`);
  }
  if (statement.returning?.length) {
    lines.push(
      `RETURNING ${statement.returning.map((name) => quoteIdentifier(name, 'column name')).join(', ')}`,
    );
  }
  return lines.join('\n');
}

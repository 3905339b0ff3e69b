import { quoteIdentifier, quoteQualifiedName } from '../sql/identifiers';
import { BulkColumnType, BulkUpsertStatement } from './bulk-upsert.types';

/**
 * The array type each column is bound as. jsonb travels as text[] and is cast per element: node-postgres
 * would otherwise serialise nested objects inside an array parameter ambiguously.
 */
const ARRAY_PARAMETER_TYPE: Record<BulkColumnType, string> = {
  text: 'text[]',
  int: 'int[]',
  bigint: 'bigint[]',
  numeric: 'numeric[]',
  boolean: 'boolean[]',
  timestamptz: 'timestamptz[]',
  jsonb: 'text[]',
  date: 'date[]',
  'double precision': 'double precision[]',
};

/**
 * One set-based statement for any number of rows: each column is ONE array parameter, `unnest`
 * turns the arrays back into rows, and ON CONFLICT decides insert or update per row.
 *
 *   INSERT INTO "s"."t" AS t ("id", "doc") SELECT u."id", u."doc"::jsonb
 *   FROM unnest($1::text[], $2::text[]) AS u("id", "doc")
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
    if (!(column.type in ARRAY_PARAMETER_TYPE)) {
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
  const updateColumns =
    statement.updateColumns ?? columnNames.filter((name) => !conflictColumns.includes(name));
  assertKnown(updateColumns, 'update');

  const quotedColumns = columns.map((column) => quoteIdentifier(column.name, 'column name'));
  const selected = columns.map(
    (column, index) => `u.${quotedColumns[index]}${column.type === 'jsonb' ? '::jsonb' : ''}`,
  );
  const arrays = columns.map((column, index) => `$${index + 1}::${ARRAY_PARAMETER_TYPE[column.type]}`);

  const lines = [
    `INSERT INTO ${table} AS t (${quotedColumns.join(', ')})`,
    `SELECT ${selected.join(', ')}`,
    `FROM unnest(${arrays.join(', ')}) AS u(${quotedColumns.join(', ')})`,
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

/**
 * SQL identifiers (schemas, tables, columns) cannot be bound as parameters, so every identifier this
 * library interpolates into SQL is checked against this pattern first: lower-case snake_case only,
 * which is what our migrations create and leaves no room for injection.
 */
const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]*$/;

/** Postgres truncates longer identifiers silently; refuse them instead of addressing the wrong object. */
const MAX_IDENTIFIER_LENGTH = 63;

export function assertIdentifier(name: string, what = 'identifier'): string {
  if (typeof name !== 'string' || !IDENTIFIER_PATTERN.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new Error(`Invalid SQL ${what} ${JSON.stringify(name)}: expected ${IDENTIFIER_PATTERN.source}`);
  }
  return name;
}

/** Validates then double-quotes, so reserved words (`order`, `user`) are safe as column names too. */
export function quoteIdentifier(name: string, what?: string): string {
  return `"${assertIdentifier(name, what)}"`;
}

/** `schema.table` (or a bare `table`) as a quoted, validated SQL name. */
export function quoteQualifiedName(qualifiedName: string): string {
  const parts = typeof qualifiedName === 'string' ? qualifiedName.split('.') : [];
  if (parts.length < 1 || parts.length > 2) {
    throw new Error(`Invalid SQL table name ${JSON.stringify(qualifiedName)}: expected schema.table`);
  }
  return parts.map((part) => quoteIdentifier(part, 'table name part')).join('.');
}

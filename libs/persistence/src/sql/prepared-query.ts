import { createHash } from 'node:crypto';
import { DatabaseError } from 'pg';
import { EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/** What `pg` answers for a query (the part we use). */
interface PgResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

interface PgClient {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<PgResult<Row>>;
  /** pg's own record of the statements it believes prepared on this connection (not public API). */
  connection?: {
    parsedStatements?: Record<string, string>;
    submittedNamedStatements?: Record<string, string>;
  };
}

export interface PreparedQueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated, deleted or returned, as Postgres counts them. */
  rowCount: number;
}

/** Postgres' "prepared statement does not exist". */
const INVALID_SQL_STATEMENT_NAME = '26000';

const names = new Map<string, string>();

/**
 * The statement's name on every connection: derived from its text, so the same text always gets the
 * same name and two texts never share one (`pg` refuses a name reused for another text).
 */
export function preparedStatementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `sl_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs `sql` as a named prepared statement on the manager's connection (its transaction's, when it has
 * one). Postgres parses and plans an unnamed statement on every call; a named one is parsed once per
 * connection, and after five calls Postgres keeps a generic plan when it costs no more than the
 * custom ones (plan_cache_mode auto). On insights' signal statements that saved 15–20% a call, and a
 * generic plan served a 2,000-customer batch as fast as a custom one (docs/architecture.md, Performance).
 * Meant for statements whose text is fixed (constants of the code, parameters for everything else):
 * every distinct text stays prepared on each pooled connection for the connection's life. Behind a
 * transaction-mode pooler (PgBouncer), named statements need its `max_prepared_statements`.
 *
 * Failures are TypeORM's `QueryFailedError`, as from `manager.query`, so error handling is the same.
 */
export async function preparedQuery<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<PreparedQueryResult<Row>> {
  const queryRunner = manager.queryRunner ?? manager.connection.createQueryRunner();
  // As manager.query does: a released runner's connection may be back in the pool, in other hands.
  if (queryRunner.isReleased) throw new QueryRunnerAlreadyReleasedError();
  try {
    const client = (await queryRunner.connect()) as PgClient;
    const name = preparedStatementName(sql);
    try {
      const result = await client.query<Row>({ name, text: sql, values: parameters });
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      if (!(error instanceof DatabaseError) || error.code === INVALID_SQL_STATEMENT_NAME)
        forget(client, name);
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  } finally {
    if (queryRunner !== manager.queryRunner) await queryRunner.release();
  }
}

/**
 * Makes pg parse the statement again on its next use. pg closes a named statement when turning the
 * parameters into wire values throws (an error of the client, not a DatabaseError) but keeps it in
 * its record, and a pooler may have dropped it (26000): either way every later use on this connection
 * would fail.
 */
function forget(client: PgClient, name: string): void {
  delete client.connection?.parsedStatements?.[name];
  delete client.connection?.submittedNamedStatements?.[name];
}

import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

const guarded = new WeakSet<PoolClient>();

/**
 * Gives every connection of the DataSource's pool a permanent `error` listener. node-postgres emits
 * `error` on a connection the server ends (a restart: "terminating connection due to administrator
 * command") even while it is checked out between two queries; TypeORM listens only while its query
 * runner holds it, and the pool only while it is idle, so a second error after the runner let go
 * had no listener and killed the process (seen in the fault suite's Postgres outage). The query in
 * flight still fails and is retried; the pool drops the broken connection.
 */
export function guardPoolClientErrors(dataSource: DataSource, logger: Logger): void {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) return;
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error: Error) => logger.warn(`a database connection failed: ${error.message}`));
  };
  pool.on('connect', guard);
  // Connections opened before this ran (TypeORM's start-up query).
  for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) guard(client);
}

import { quoteIdentifier } from '../sql/identifiers';

export const PROCESSED_EVENTS_TABLE = 'processed_events';

/**
 * DDL for the inbox of one service schema: one row per (consumer, event id) already handled, so a
 * redelivered Kafka message is recognised and skipped. Execute it from the service's own migration
 * (after its schema exists). `consumer` lets several handlers in one service see the same event.
 */
export function processedEventsTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${qualifiedProcessedEventsTable(schema)} (
  consumer text NOT NULL,
  event_id text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
)`;
}

export function qualifiedProcessedEventsTable(schema: string): string {
  return `${quoteIdentifier(schema, 'schema name')}.${quoteIdentifier(PROCESSED_EVENTS_TABLE)}`;
}

/** One row of a facts table, keyed by column name; every fact names its event and its customer. */
export type FactRow = Record<string, unknown> & { event_id: string; customer_id: string };

/** The CloudEvents `source` of every event ingest publishes. */
export const INGEST_SOURCE = '/supportlens/ingest';

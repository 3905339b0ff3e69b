/** CloudEvents 1.0 context attributes SupportLens sets on every event it publishes. */
export interface CloudEventAttributes {
  specversion: '1.0';
  /** Deterministic for the same source record content, so a re-delivery is recognised downstream. */
  id: string;
  /** URI-reference of the producing system, e.g. `/supportlens/ingest` or `zendesk`. */
  source: string;
  /** Reverse-DNS event type, e.g. `dev.supportlens.support.case.v1`. */
  type: string;
  /** RFC 3339 timestamp of the occurrence. */
  time: string;
  /** The customer id: what the event is about, and the Kafka key. */
  subject: string;
  /** The contract the `data` follows, e.g. `supportlens:support.case:v1`. */
  dataschema: string;
  datacontenttype: 'application/json';
}

import { EventContract, toKafkaHeaders } from '@supportlens/contracts';
import { randomUUID } from 'node:crypto';

export interface CloudEventMessageOptions {
  /** The CloudEvents `subject` (the customer id), also the Kafka key. */
  subject: string;
  /** Defaults to a fresh UUID. */
  id?: string;
  /** Defaults to `/test`. */
  source?: string;
  /** Defaults to now. */
  time?: string;
}

export interface CloudEventMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
  /** The CloudEvents `id` the headers carry. */
  id: string;
}

/**
 * A CloudEvent as a SupportLens service publishes it on an internal topic: binary mode, `data` as the
 * JSON value and the attributes of the contract in `ce_*` headers, keyed by the subject.
 */
export function cloudEventMessage<T extends object>(
  contract: EventContract<T>,
  data: object,
  options: CloudEventMessageOptions,
): CloudEventMessage {
  const id = options.id ?? randomUUID();
  return {
    key: options.subject,
    value: JSON.stringify(data),
    headers: toKafkaHeaders({
      specversion: '1.0',
      id,
      source: options.source ?? '/test',
      type: contract.type,
      time: options.time ?? new Date().toISOString(),
      subject: options.subject,
      dataschema: contract.dataschema,
      datacontenttype: 'application/json',
    }),
    id,
  };
}

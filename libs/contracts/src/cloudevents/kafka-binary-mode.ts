import { CloudEventAttributes } from './cloud-event-attributes';

/** CloudEvents Kafka protocol binding, binary mode: attributes travel as `ce_`-prefixed headers. */
const PREFIX = 'ce_';

export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

export function toKafkaHeaders(attributes: CloudEventAttributes): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'datacontenttype') {
      // The binding maps datacontenttype to the message's content-type header, not a ce_ header.
      headers['content-type'] = String(value);
    } else {
      headers[PREFIX + name] = String(value);
    }
  }
  return headers;
}

/** Reads whatever CloudEvents attributes a message carries; a plain producer may send none. */
export function fromKafkaHeaders(
  headers: Record<string, KafkaHeaderValue> | undefined,
): Partial<CloudEventAttributes> {
  const attributes: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = headerToString(raw);
    if (value === undefined) continue;
    if (name.startsWith(PREFIX)) attributes[name.slice(PREFIX.length)] = value;
    else if (name === 'content-type') attributes.datacontenttype = value;
  }
  return attributes as Partial<CloudEventAttributes>;
}

export function headerToString(raw: KafkaHeaderValue): string | undefined {
  if (raw === undefined) return undefined;
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : first;
}

import { CloudEventAttributes, fromKafkaHeaders, RFC3339_DATE_TIME } from '@supportlens/contracts';
import { InboundEvent, RawMessage, Rejection } from './inbound-event';
import { MessageParser } from './message-parser';

export interface DecodeRules<T> {
  parse: MessageParser<T>;
  /** Internal topics carry CloudEvents headers; raw topics from other systems may not. */
  requireCloudEvent: boolean;
  /** The CloudEvents type the topic carries; a different type is refused. */
  expectedType?: string;
  maxValueBytes: number;
}

export type Decoded<T> = { ok: true; event: InboundEvent<T> } | { ok: false; rejection: Rejection };

/** Reads one Kafka message into a validated event, or a rejection saying exactly why not. Pure. */
export function decodeMessage<T>(
  message: RawMessage & { timestamp: string },
  rules: DecodeRules<T>,
): Decoded<T> {
  const reject = (errorClass: string, reason: string): Decoded<T> => ({
    ok: false,
    rejection: { errorClass, reason },
  });

  if (message.value === null || message.value.length === 0)
    return reject('EmptyMessage', 'message has no value');
  if (message.value.length > rules.maxValueBytes) {
    return reject(
      'MessageTooLarge',
      `value is ${message.value.length} bytes, the limit is ${rules.maxValueBytes}`,
    );
  }

  const attributes = fromKafkaHeaders(message.headers as Parameters<typeof fromKafkaHeaders>[0]);
  if (rules.requireCloudEvent) {
    const missing = (['id', 'type', 'source', 'subject'] as const).filter((name) => !attributes[name]);
    if (missing.length === 0 && attributes.time !== undefined && !RFC3339_DATE_TIME.test(attributes.time)) {
      // ce_time is written to timestamptz columns downstream: a malformed one would fail every write.
      return reject(
        'InvalidCloudEventAttributes',
        `ce_time "${attributes.time}" is not an RFC 3339 date-time`,
      );
    }
    if (missing.length > 0) {
      return reject(
        'MissingCloudEventAttributes',
        `missing CloudEvents headers: ${missing.map((m) => `ce_${m}`).join(', ')}`,
      );
    }
  }
  if (rules.expectedType && attributes.type && attributes.type !== rules.expectedType) {
    return reject('UnexpectedEventType', `ce_type is ${attributes.type}, expected ${rules.expectedType}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return reject('MalformedJson', `value is not JSON: ${withoutExcerpt((error as Error).message)}`);
  }

  let parsed: ReturnType<MessageParser<T>>;
  try {
    parsed = rules.parse(json, attributes as Partial<CloudEventAttributes>);
  } catch (error) {
    // A parser that throws on some input would throw on it for ever: that input is poison, not a crash.
    return reject('UnparseableMessage', `${(error as Error).name}: ${(error as Error).message}`);
  }
  if (!parsed.ok) return reject(parsed.errorClass, parsed.reason);

  return {
    ok: true,
    event: {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      attributes,
      data: parsed.data,
      timestamp: message.timestamp,
    },
  };
}

/**
 * V8 quotes part of the input in some JSON errors (`Unexpected token 'a', ..."{"email": an"... is not
 * valid JSON`). The reason ends up in logs and in a DLQ header, and the input may hold personal data:
 * only what comes before the quote is kept.
 */
function withoutExcerpt(message: string): string {
  const quote = message.search(/(?:^|, )(?:\.\.\.)?"/);
  if (quote === -1) return message;
  return quote === 0 ? 'unexpected input' : message.slice(0, quote);
}

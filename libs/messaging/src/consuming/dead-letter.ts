import { deadLetterTopic } from '@supportlens/contracts';
import { IHeaders, Message } from 'kafkajs';
import { RawMessage, Rejection } from './inbound-event';

/** Headers a dead letter adds to the original ones, so it can be understood and replayed. */
export const DeadLetterHeaders = {
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  consumerGroup: 'dlq_consumer_group',
  errorClass: 'dlq_error_class',
  errorMessage: 'dlq_error_message',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * Set on a dead letter whose value is not the original bytes: a {@link DeadLetterRedaction} changed
 * (or withheld) it. Its value names what was taken out, e.g. `personal-data`.
 */
export const DEAD_LETTER_REDACTED_HEADER = 'dlq_redacted';

/**
 * How a consumer's dead letters are redacted before they are written: a raw topic's messages may
 * carry personal data that must not be kept in a DLQ. The headers (the reason) are kept as they are.
 */
export interface DeadLetterRedaction {
  /** The value to dead-letter instead; the very same bytes when there was nothing to take out. */
  redactValue(value: Buffer): Buffer;
  /** What is taken out, sent as `dlq_redacted` when the value changed. */
  label: string;
}

/** Reasons are for people; keep a header well below any broker limit. */
const MAX_REASON_CHARS = 4000;

/**
 * The dead letter keeps the original key, value and headers byte for byte and adds why and where from;
 * with a `redaction`, the value is what it returns (and `dlq_redacted` says so when it changed).
 */
export function deadLetterFor(
  message: RawMessage,
  rejection: Rejection,
  consumerGroup: string,
  failedAt: Date,
  redaction?: DeadLetterRedaction,
): { topic: string; message: Message } {
  const { value, redacted } = redactedValue(message.value, redaction);
  const headers: IHeaders = {
    ...message.headers,
    [DeadLetterHeaders.originalTopic]: message.topic,
    [DeadLetterHeaders.originalPartition]: String(message.partition),
    [DeadLetterHeaders.originalOffset]: message.offset,
    [DeadLetterHeaders.consumerGroup]: consumerGroup,
    [DeadLetterHeaders.errorClass]: rejection.errorClass,
    [DeadLetterHeaders.errorMessage]: rejection.reason.slice(0, MAX_REASON_CHARS),
    [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
    ...(redacted ? { [DEAD_LETTER_REDACTED_HEADER]: redacted } : {}),
  };
  return {
    topic: deadLetterTopic(message.topic),
    message: { key: message.key, value, headers },
  };
}

/**
 * A redaction that throws withholds the value altogether: a dead letter must always be writable, and
 * one whose value could not be cleaned must not keep what it was meant to lose.
 */
function redactedValue(
  value: Buffer | null,
  redaction: DeadLetterRedaction | undefined,
): { value: Buffer | null; redacted?: string } {
  if (!redaction || value === null) return { value };
  try {
    const redacted = redaction.redactValue(value);
    return redacted.equals(value) ? { value } : { value: redacted, redacted: redaction.label };
  } catch {
    return { value: null, redacted: `${redaction.label}; value withheld` };
  }
}

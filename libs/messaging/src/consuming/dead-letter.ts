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

/** Reasons are for people; keep a header well below any broker limit. */
const MAX_REASON_CHARS = 4000;

/** The dead letter keeps the original key, value and headers byte for byte and adds why and where from. */
export function deadLetterFor(
  message: RawMessage,
  rejection: Rejection,
  consumerGroup: string,
  failedAt: Date,
): { topic: string; message: Message } {
  const headers: IHeaders = {
    ...message.headers,
    [DeadLetterHeaders.originalTopic]: message.topic,
    [DeadLetterHeaders.originalPartition]: String(message.partition),
    [DeadLetterHeaders.originalOffset]: message.offset,
    [DeadLetterHeaders.consumerGroup]: consumerGroup,
    [DeadLetterHeaders.errorClass]: rejection.errorClass,
    [DeadLetterHeaders.errorMessage]: rejection.reason.slice(0, MAX_REASON_CHARS),
    [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
  };
  return {
    topic: deadLetterTopic(message.topic),
    message: { key: message.key, value: message.value, headers },
  };
}

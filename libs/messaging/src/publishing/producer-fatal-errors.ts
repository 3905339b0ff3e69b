/**
 * Broker answers after which an idempotent kafkajs producer never recovers by itself: its sequence
 * numbers or producer id no longer match the broker's, and every later send fails the same way
 * (kafkajs issue #598). The only way out is a new producer, with a new producer id.
 */
const FATAL_FOR_IDEMPOTENT_PRODUCER = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'DUPLICATE_SEQUENCE_NUMBER',
]);

/** True when the error, or one it wraps (kafkajs nests them), leaves the producer unusable. Pure. */
export function isFatalForProducer(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { type, originalError, cause, errors } = current as {
      type?: unknown;
      originalError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof type === 'string' && FATAL_FOR_IDEMPOTENT_PRODUCER.has(type)) return true;
    pending.push(originalError, cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}

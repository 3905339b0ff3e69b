import {
  EventPublisher,
  isPermanentKafkaRefusal,
  OutboundEvent,
  PublishTimeoutError,
} from '@supportlens/messaging';

/** Transient by nature: the raw-topic consumers retry it for as long as Kafka is away. */
export class KafkaUnavailableError extends Error {
  readonly transient = true;
}

/**
 * Publishes the events, or fails with {@link KafkaUnavailableError} when Kafka refuses them or does
 * not acknowledge within `timeoutMs` (an HTTP caller must not wait for kafkajs's own retries to end).
 * A timed-out send may still land: "not confirmed", not "not published" (the publisher retires its
 * producer, so a retry cannot be mistaken for it). A refusal no retry changes (a record too large or
 * malformed for the broker) is thrown as it is: the raw consumers then isolate and dead-letter that
 * record instead of retrying it, and everything fetched with it, for ever.
 */
export async function publishWithin(
  publisher: EventPublisher,
  events: OutboundEvent[],
  timeoutMs: number,
): Promise<void> {
  try {
    await publisher.publish(events, { timeoutMs });
  } catch (error) {
    if (isPermanentKafkaRefusal(error)) throw error;
    if (error instanceof PublishTimeoutError) throw new KafkaUnavailableError(error.message);
    throw new KafkaUnavailableError(`Kafka refused the events: ${(error as Error).message}`);
  }
}

import { InboundEvent } from '@supportlens/messaging';

/**
 * When a raw message reached Kafka (its broker timestamp): the receipt time of a record that has no
 * `updatedAt`. Unlike the time ingest reads it, it stays the same when the topic is replayed, so a
 * replayed record is dated as before: what an erasure covered stays covered.
 */
export function brokerTime(event: InboundEvent<unknown>): Date | undefined {
  const ms = Number(event.timestamp);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : undefined;
}

import { derivedEventId } from '@supportlens/contracts';

/**
 * The id of the erasure event: the same erasure (customer, instant) always gets the same id, so the
 * outbox re-publishing it after a crash is a duplicate downstream, while a second erasure of the
 * customer later is a new event. `erasedAt` is the canonical ISO string (milliseconds, `Z`).
 */
export function erasureEventId(customerId: string, erasedAt: string): string {
  return derivedEventId('customer-erasure', `${customerId}\u0000${erasedAt}`);
}

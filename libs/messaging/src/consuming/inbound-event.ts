import { CloudEventAttributes } from '@supportlens/contracts';
import { IHeaders } from 'kafkajs';

/** Where a message sits in Kafka: enough to find it again and to name it in a dead letter. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

/** A message that decoded and passed its contract. */
export interface InboundEvent<T> extends MessagePosition {
  key: string | null;
  /** CloudEvents attributes as sent; a plain producer on a raw topic may send none. */
  attributes: Partial<CloudEventAttributes>;
  data: T;
  /** Broker timestamp (ms since epoch, as a string, as kafkajs gives it). */
  timestamp: string;
}

/** The raw message as read, kept so that a dead letter can carry the original bytes. */
export interface RawMessage extends MessagePosition {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Why a message can never be processed: an error class (stable, for metrics) and a reason (for people). */
export interface Rejection {
  errorClass: string;
  reason: string;
}

export interface InboundBatch<T> {
  topic: string;
  partition: number;
  events: InboundEvent<T>[];
}

/**
 * What a handler reports back. Events it refuses for a reason that no retry can fix go to the
 * dead-letter topic; everything else in the batch counts as done once the handler returns.
 */
export interface BatchOutcome<T> {
  rejected?: Array<{ event: InboundEvent<T>; rejection: Rejection }>;
}

/**
 * A batch handler makes the batch's effects durable before it returns (a committed transaction, an
 * acknowledged produce) and is idempotent, because a crash before the offset commit redelivers it.
 * Throwing means "try again later": the runner retries with backoff and never dead-letters for it.
 */
export interface BatchHandler<T> {
  handleBatch(batch: InboundBatch<T>): Promise<BatchOutcome<T> | void>;
}

import { isTransientDatabaseError } from '@supportlens/persistence';
import { KafkaJSError } from 'kafkajs';

/** kafkajs answers that mean this member no longer owns its partitions and must rejoin the group. */
const MEMBERSHIP_LOST = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
  'FENCED_INSTANCE_ID',
]);

/** Broker refusals no retry changes: the output itself is wrong (too large, malformed). */
const PERMANENT_KAFKA_ANSWERS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

/**
 * Errors kafkajs wraps (retries exceeded, non-retriable) hide the broker's answer in `cause` or
 * `originalError`; this finds the innermost error that carries a protocol `type`. Pure.
 */
export function kafkaProtocolError(error: unknown): (Error & { type: string }) | undefined {
  const seen = new Set<unknown>();
  let found: (Error & { type: string }) | undefined;
  for (let current = error; current !== null && typeof current === 'object' && !seen.has(current);) {
    seen.add(current);
    const { type, cause, originalError } = current as {
      type?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof type === 'string') found = current as Error & { type: string };
    current = cause ?? originalError;
  }
  return found;
}

export function isMembershipLost(error: unknown): boolean {
  const protocolError = kafkaProtocolError(error);
  return protocolError !== undefined && MEMBERSHIP_LOST.has(protocolError.type);
}

/**
 * What a batch throws when its offset commit failed. kafkajs looks the group coordinator up only when
 * it (re)joins, and rejoins only on the broker answers it knows; a commit that failed for any other
 * reason (the coordinator's broker gone, a timeout) would otherwise leave it talking to the same
 * broker. So every other failure is reported as "not the coordinator", the answer that makes kafkajs
 * find the coordinator again and rejoin. Pure.
 */
export function rejoinOnCommitFailure(error: unknown): Error {
  if (isMembershipLost(error)) return kafkaProtocolError(error)!;
  return new CommitFailedCoordinatorUnknown(error);
}

class CommitFailedCoordinatorUnknown extends KafkaJSError {
  readonly type = 'NOT_COORDINATOR_FOR_GROUP';

  constructor(cause: unknown) {
    super(
      `offset commit failed, looking the group coordinator up again: ${(cause as Error)?.message ?? String(cause)}`,
      {
        retriable: true,
      },
    );
  }
}

/** True for a broker answer no retry changes (the record too large or malformed). Pure. */
export function isPermanentKafkaRefusal(error: unknown): boolean {
  const protocolError = kafkaProtocolError(error);
  return protocolError !== undefined && PERMANENT_KAFKA_ANSWERS.has(protocolError.type);
}

/**
 * Transient: the database or the broker is away or busy; waiting fixes it, so the batch is retried for
 * as long as it takes and never dead-lettered. Anything else (a bug hit by one event, a value the
 * database refuses) is treated as permanent after a few tries. Pure.
 */
export function isTransientFailure(error: unknown): boolean {
  if (isTransientDatabaseError(error)) return true;
  if ((error as { transient?: unknown } | null)?.transient === true) return true;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name.startsWith('KafkaJS')) {
    return !isPermanentKafkaRefusal(error);
  }
  return false;
}

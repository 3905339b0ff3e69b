/** Socket-level failures: the database (or the network to it) is away, not the request wrong. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATE classes that are transient as a whole: 08 connection exception, 53 insufficient resources. */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53']);

const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  // query_canceled: a statement timeout (or a cancel). The data is not at fault, the database was slow
  // or busy; treated as permanent, a slow spell would split valid batches into dead letters.
  '57014',
]);

/** node-postgres reports a lost or never-established connection with these messages and no code. */
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  // TypeORM, when the connection its query runner held was lost mid-transaction (a server restart).
  /query runner (was )?already released/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
];

const SQLSTATE_PATTERN = /^[0-9A-Z]{5}$/;

/**
 * Whether retrying the same work later may succeed: the connection dropped, the server is restarting
 * or overloaded, a statement ran past its timeout, or the transaction lost a serialization/deadlock/
 * lock race. Anything else (constraint violations, syntax errors, values the database refuses) will
 * fail the same way again.
 *
 * Looks through TypeORM's QueryFailedError (`driverError`), `cause` chains and AggregateError
 * (Node reports a refused dual-stack connect as one).
 */
export function isTransientDatabaseError(err: unknown): boolean {
  return isTransient(err, new Set());
}

function isTransient(err: unknown, seen: Set<unknown>): boolean {
  if (err === null || typeof err !== 'object' || seen.has(err)) return false;
  seen.add(err);
  const candidate = err as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };

  if (typeof candidate.code === 'string' && isTransientCode(candidate.code)) return true;
  if (
    typeof candidate.message === 'string' &&
    TRANSIENT_MESSAGES.some((pattern) => pattern.test(candidate.message as string))
  ) {
    return true;
  }
  const nested = [
    candidate.driverError,
    candidate.cause,
    ...(Array.isArray(candidate.errors) ? candidate.errors : []),
  ];
  return nested.some((inner) => isTransient(inner, seen));
}

function isTransientCode(code: string): boolean {
  if (TRANSIENT_NETWORK_CODES.has(code)) return true;
  if (!SQLSTATE_PATTERN.test(code)) return false;
  return TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
}

/**
 * Postgres ran out of room in its lock table (53200 out_of_memory, "out of shared memory", raised when
 * the advisory and row locks of all transactions pass `max_locks_per_transaction` × connections).
 * Transient, but a transaction that takes many locks may be the cause: a combined write should be
 * retried in smaller parts rather than as a whole.
 */
export function isLockTableFull(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (candidate: unknown): boolean => {
    if (candidate === null || typeof candidate !== 'object' || seen.has(candidate)) return false;
    seen.add(candidate);
    const { code, driverError, cause } = candidate as {
      code?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    return code === '53200' || visit(driverError) || visit(cause);
  };
  return visit(err);
}

/** A customer's personal data erased at an instant (RFC 3339), as `support.customers.erasures.v1` says. */
export interface Erasure {
  customerId: string;
  erasedAt: string;
}

/**
 * One erasure per customer, the latest: an erasure covers every record dated up to it, so a later one
 * covers an earlier one. Sorted by customer id (the order locks are taken in). Pure.
 */
export function latestErasurePerCustomer(erasures: readonly Erasure[]): Erasure[] {
  const latest = new Map<string, Erasure>();
  for (const erasure of erasures) {
    const seen = latest.get(erasure.customerId);
    if (!seen || Date.parse(erasure.erasedAt) > Date.parse(seen.erasedAt))
      latest.set(erasure.customerId, erasure);
  }
  return [...latest.values()].sort((a, b) => compare(a.customerId, b.customerId));
}

/**
 * Whether a record version's text must not be kept: its customer was erased at or after the version
 * time. A version dated after the erasure is new data the customer gave since, and is kept. Pure.
 */
export function isErased(erasedAt: Date | string | undefined, versionAt: Date | string): boolean {
  if (erasedAt === undefined) return false;
  return new Date(erasedAt).getTime() >= new Date(versionAt).getTime();
}

/** Code-point order, the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

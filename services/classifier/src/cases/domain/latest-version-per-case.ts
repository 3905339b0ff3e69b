/**
 * One entry per case: its latest version (by `versionAt`), the later one in the list on a tie. A
 * round can hold two versions of one case from two partitions (a case moved to another customer), in
 * no set order, and one upsert statement can write only one row per key.
 */
export function latestVersionPerCase<T extends { source: string; caseId: string }>(
  entries: readonly T[],
  versionAt: (entry: T) => string,
): T[] {
  const byCase = new Map<string, T>();
  for (const entry of entries) {
    const key = `${entry.source}\u0000${entry.caseId}`;
    const seen = byCase.get(key);
    if (!seen || Date.parse(versionAt(entry)) >= Date.parse(versionAt(seen))) byCase.set(key, entry);
  }
  return [...byCase.values()];
}

/**
 * One example per case: the latest label, the later one in the list on a tie. A round can hold two
 * versions of one case from two partitions (a case moved to another customer), in no set order, and
 * one upsert statement keeps only one row per key.
 */
export function latestExamplePerCase<T extends { source: string; caseId: string; labelledAt: string }>(
  examples: readonly T[],
): T[] {
  const byCase = new Map<string, T>();
  for (const example of examples) {
    const key = `${example.source}\u0000${example.caseId}`;
    const seen = byCase.get(key);
    if (!seen || Date.parse(example.labelledAt) >= Date.parse(seen.labelledAt)) byCase.set(key, example);
  }
  return [...byCase.values()];
}

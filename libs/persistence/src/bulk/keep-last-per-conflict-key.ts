/**
 * Postgres refuses an upsert that touches the same row twice ("ON CONFLICT DO UPDATE command cannot
 * affect row a second time"), so a batch keeps only the LAST tuple per conflict key: the latest
 * version in a batch wins, as it would have row by row.
 *
 * The result is ordered by conflict key so that concurrent batches with overlapping keys lock rows in
 * the same order and cannot deadlock each other. Tuples with a NULL in the key never conflict in
 * Postgres (NULLs are distinct), so they are all kept.
 *
 * Keys compare by their text form (1 and '1' are the same key), which is how Postgres compares the
 * values once cast to the column type for text and integers.
 */
export function keepLastPerConflictKey(
  tuples: readonly unknown[][],
  keyIndexes: readonly number[],
): unknown[][] {
  const lastByKey = new Map<string, unknown[]>();
  const withNullKey: unknown[][] = [];
  for (const tuple of tuples) {
    const keyValues = keyIndexes.map((index) => tuple[index]);
    if (keyValues.some((value) => value === null || value === undefined)) {
      withNullKey.push(tuple);
      continue;
    }
    lastByKey.set(JSON.stringify(keyValues.map(String)), tuple);
  }
  const orderedKeys = [...lastByKey.keys()].sort();
  return [...orderedKeys.map((key) => lastByKey.get(key)!), ...withNullKey];
}

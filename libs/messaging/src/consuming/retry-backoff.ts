/** Exponential backoff with full jitter, capped: 1st retry ~0.5 s, then doubling up to the cap. */
export function retryDelayMs(
  attempt: number,
  baseMs = 500,
  capMs = 30_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Committed offsets sampled over time, and the windows in which they moved (the slow-handler scenario). */

export interface OffsetSample {
  /** Milliseconds since the triggers went in. */
  at: number;
  offset: bigint;
}

/**
 * Per window of `windowMs` of the `spanMs` since the triggers went in, whether the offsets grew in it
 * (a sample taken just after the span counts in the last window).
 */
export function movesPerWindow(
  samples: readonly OffsetSample[],
  windowMs: number,
  spanMs: number,
): boolean[] {
  const windows = Array.from({ length: Math.ceil(spanMs / windowMs) }, () => false);
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].offset <= samples[i - 1].offset) continue;
    windows[Math.min(Math.ceil(samples[i].at / windowMs), windows.length) - 1] = true;
  }
  return windows;
}

/** "start 1149; 36 s +26; 71 s +1090": when the offsets grew, by how much. */
export function offsetIncreases(samples: readonly OffsetSample[]): string {
  const parts = [`start ${samples[0]?.offset ?? 0n}`];
  for (let i = 1; i < samples.length; i++) {
    const grown = samples[i].offset - samples[i - 1].offset;
    if (grown > 0n) parts.push(`${Math.round(samples[i].at / 1000)} s +${grown}`);
  }
  return parts.join('; ');
}

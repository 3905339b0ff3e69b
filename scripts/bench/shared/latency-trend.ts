import { percentile } from './percentiles';

/** One published event: when it was published (ms since the phase began) and its latency (Infinity if never applied). */
export interface LatencySample {
  publishedAtMs: number;
  latencyMs: number;
}

export interface LatencySlice {
  /** Events published in this slice. */
  events: number;
  p50: number;
  p99: number;
}

/**
 * Latency by the third of the phase in which each event was published. Steady thirds mean the service
 * kept up with the rate; thirds that climb mean it fell behind (each later event queued behind more),
 * so the phase's percentiles then depend on how long the phase ran. Pure.
 */
export function latencyByThird(samples: readonly LatencySample[], phaseMs: number): LatencySlice[] {
  const thirds: number[][] = [[], [], []];
  for (const sample of samples) {
    const third = Math.min(2, Math.max(0, Math.floor((3 * sample.publishedAtMs) / phaseMs)));
    thirds[third].push(sample.latencyMs);
  }
  return thirds.map((latencies) => {
    const sorted = latencies.sort((a, b) => a - b);
    return { events: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}

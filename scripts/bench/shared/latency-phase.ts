import { LatencySample, LatencySlice, latencyByThird } from './latency-trend';
import { AppliedProbe } from './applied-probe';
import { LoadPublisher, PreparedEvent } from './load-publisher';
import { mean, percentile } from './percentiles';
import { sleep } from './throughput-phase';

export interface LatencyResult {
  targetPerSecond: number;
  publishedPerSecond: number;
  published: number;
  applied: number;
  /** Published but not applied when the bench stopped waiting. */
  notApplied: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** By the third of the phase each event was published in: climbing thirds mean it fell behind. */
  byThird: LatencySlice[];
  /** The measurement's resolution: time between the starts of two polls, and what one poll took. */
  pollIntervalMs: { target: number; mean: number; max: number };
  pollQueryMs: { mean: number; max: number };
  waitAfterPublishingMs: number;
}

/**
 * Phase B. Publishes at a fixed rate for a while, and meanwhile polls every `pollMs` for which of the
 * published events are committed. An event's latency is the time from its publish (its CloudEvents
 * `time`, stamped when its produce request is built) to the start of the first poll that saw it
 * committed. The event became visible after the previous poll's start, so each latency is an upper
 * bound that is at most one poll interval too high: the interval is the resolution.
 */
export async function measureLatency(args: {
  publisher: LoadPublisher;
  applied: AppliedProbe;
  events: readonly PreparedEvent[];
  perSecond: number;
  seconds: number;
  pollMs: number;
  drainTimeoutMs: number;
  /** Told of each event seen applied: when it was published and the poll that saw it. */
  onApplied?: (id: string, publishedAt: number, appliedAt: number) => void;
}): Promise<LatencyResult> {
  const { publisher, applied, events, perSecond, seconds, pollMs } = args;
  const pending = new Map<string, { topic: string; id: string; at: number }>();
  const samples: LatencySample[] = [];
  const intervals: number[] = [];
  const queries: number[] = [];
  let publishing = true;
  const begin = Date.now();

  const poller = (async () => {
    let previousStart: number | undefined;
    for (;;) {
      const start = Date.now();
      if (previousStart !== undefined) intervals.push(start - previousStart);
      previousStart = start;
      const asked = [...pending.values()];
      const seen = await applied.committed(asked);
      const queryMs = Date.now() - start;
      queries.push(queryMs);
      for (const event of asked) {
        if (!seen.has(event.id)) continue;
        samples.push({ publishedAtMs: event.at - begin, latencyMs: start - event.at });
        args.onApplied?.(event.id, event.at, start);
        pending.delete(event.id);
      }
      if (!publishing && pending.size === 0) return;
      // The poll is itself load on Postgres (a join of every pending id), and grows with the backlog:
      // at most a third of the time, so the measurement does not slow what it measures. The interval
      // actually kept is reported as the resolution.
      await sleep(Math.max(pollMs, 3 * queryMs) - (Date.now() - start));
    }
  })();

  let sent = 0;
  const stamp = (event: PreparedEvent, at: number) =>
    pending.set(event.id, { topic: event.topic, id: event.id, at });
  while (Date.now() - begin < seconds * 1000 && sent < events.length) {
    const due = Math.min(events.length, Math.floor(((Date.now() - begin) / 1000) * perSecond));
    if (due > sent) {
      await publisher.publish(events.slice(sent, due), stamp);
      sent = due;
    } else {
      await sleep(5);
    }
  }
  const publishSeconds = (Date.now() - begin) / 1000;
  publishing = false;

  const publishedAt = Date.now();
  await Promise.race([poller, sleep(args.drainTimeoutMs)]);
  const waited = Date.now() - publishedAt;
  const notApplied = pending.size;
  for (const event of pending.values())
    samples.push({ publishedAtMs: event.at - begin, latencyMs: Infinity });
  pending.clear(); // ends the poller if it is still waiting
  await poller;

  // An event never seen applied counts as infinitely late (its sample holds Infinity).
  const sorted = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const latencies = sorted.filter(Number.isFinite);
  return {
    targetPerSecond: perSecond,
    publishedPerSecond: sent / publishSeconds,
    published: sent,
    applied: latencies.length,
    notApplied,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1],
      mean: mean(latencies),
    },
    byThird: latencyByThird(samples, publishSeconds * 1000),
    pollIntervalMs: { target: pollMs, mean: mean(intervals), max: Math.max(...intervals) },
    pollQueryMs: { mean: mean(queries), max: Math.max(...queries) },
    waitAfterPublishingMs: waited,
  };
}

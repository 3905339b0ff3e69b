/** The service's own counters that explain a figure, read from its Prometheus `/metrics`. */
export interface ServiceCounters {
  /** Per input topic: batches handled, events in them, seconds spent handling them. */
  batches: Record<string, { count: number; events: number; seconds: number }>;
  /**
   * Seconds the writer spent per input (`cases`, `surveys`, `cases+surveys`: what one write held) and
   * phase (facts, profiles, each step…); phase `writes` counts the writes themselves.
   */
  writePhases: Record<string, Record<string, number>>;
  deadLetters: number;
}

/** Sums a metric's samples per `topic` label (all other labels added together). */
function sumByTopic(text: string, metric: string): Map<string, number> {
  const sums = new Map<string, number>();
  const pattern = new RegExp(`^${metric}\\{([^}]*)\\} ([0-9.eE+-]+)$`, 'gm');
  for (const [, labels, value] of text.matchAll(pattern)) {
    const topic = /topic="([^"]*)"/.exec(labels)?.[1] ?? '';
    sums.set(topic, (sums.get(topic) ?? 0) + Number(value));
  }
  return sums;
}

export function parseServiceCounters(text: string): ServiceCounters {
  const count = sumByTopic(text, 'supportlens_batch_size_count');
  const events = sumByTopic(text, 'supportlens_batch_size_sum');
  const seconds = sumByTopic(text, 'supportlens_batch_duration_seconds_sum');
  const batches: ServiceCounters['batches'] = {};
  for (const [topic, n] of count)
    batches[topic] = { count: n, events: events.get(topic) ?? 0, seconds: seconds.get(topic) ?? 0 };
  const deadLetters = [...sumByTopic(text, 'supportlens_dlq_total').values()].reduce((a, b) => a + b, 0);
  return { batches, writePhases: writePhasesOf(text), deadLetters };
}

/** The pseudo-phase counting writes (see ServiceCounters.writePhases). */
export const WRITES = 'writes';

function writePhasesOf(text: string): ServiceCounters['writePhases'] {
  const phases: ServiceCounters['writePhases'] = {};
  const pattern = /^supportlens_insights_write_phase_seconds_(sum|count)\{([^}]*)\} ([0-9.eE+-]+)$/gm;
  for (const [, kind, labels, value] of text.matchAll(pattern)) {
    const input = /input="([^"]*)"/.exec(labels)?.[1] ?? '';
    const phase = /phase="([^"]*)"/.exec(labels)?.[1] ?? '';
    // Every write laps 'claim' once: its count is the number of writes.
    if (kind === 'count' && phase !== 'claim') continue;
    const key = kind === 'count' ? WRITES : phase;
    (phases[input] ??= {})[key] = ((phases[input] ??= {})[key] ?? 0) + Number(value);
  }
  return phases;
}

function mapPhases(
  a: ServiceCounters['writePhases'],
  b: ServiceCounters['writePhases'],
  combine: (x: number, y: number) => number,
): ServiceCounters['writePhases'] {
  const out: ServiceCounters['writePhases'] = {};
  for (const input of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const phase of new Set([...Object.keys(a[input] ?? {}), ...Object.keys(b[input] ?? {})]))
      (out[input] ??= {})[phase] = combine(a[input]?.[phase] ?? 0, b[input]?.[phase] ?? 0);
  }
  return out;
}

/** What happened between two readings (several processes: readings added up first). */
export function countersBetween(before: ServiceCounters, after: ServiceCounters): ServiceCounters {
  const batches: ServiceCounters['batches'] = {};
  for (const [topic, now] of Object.entries(after.batches)) {
    const then = before.batches[topic] ?? { count: 0, events: 0, seconds: 0 };
    batches[topic] = {
      count: now.count - then.count,
      events: now.events - then.events,
      seconds: now.seconds - then.seconds,
    };
  }
  return {
    batches,
    writePhases: mapPhases(after.writePhases, before.writePhases, (now, then) => now - then),
    deadLetters: after.deadLetters - before.deadLetters,
  };
}

export function addCounters(readings: readonly ServiceCounters[]): ServiceCounters {
  return readings.reduce<ServiceCounters>(
    (sum, reading) => {
      for (const [topic, b] of Object.entries(reading.batches)) {
        const s = (sum.batches[topic] ??= { count: 0, events: 0, seconds: 0 });
        s.count += b.count;
        s.events += b.events;
        s.seconds += b.seconds;
      }
      sum.deadLetters += reading.deadLetters;
      sum.writePhases = mapPhases(sum.writePhases, reading.writePhases, (x, y) => x + y);
      return sum;
    },
    { batches: {}, writePhases: {}, deadLetters: 0 },
  );
}

/** The service's own counters that explain a figure, read from its Prometheus `/metrics`. */
export interface ServiceCounters {
  /** Per input topic: batches handled, events in them, seconds spent handling them. */
  batches: Record<string, { count: number; events: number; seconds: number }>;
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
  return { batches, deadLetters };
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
  return { batches, deadLetters: after.deadLetters - before.deadLetters };
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
      return sum;
    },
    { batches: {}, deadLetters: 0 },
  );
}

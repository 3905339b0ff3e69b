/** What `npm run bench:insights -- …` takes. Every option that changes a figure is printed with it. */
export interface BenchOptions {
  /** Events pre-published for the throughput phase. */
  events: number;
  /** Events/second published in the latency phase; 0 = half the measured sustained rate. */
  rate: number;
  /** How long the latency phase publishes. */
  latencySeconds: number;
  /** How often the latency phase looks for newly applied events: the resolution of every latency. */
  pollMs: number;
  customers: number;
  seed: number;
  /** Partitions of the input topics when the bench creates them. */
  partitions: number;
  /** Insights processes in the consumer group. */
  instances: number;
  /** `dedicated`: a throwaway broker of the bench's own; `shared`: the one at KAFKA_BROKERS. */
  broker: 'dedicated' | 'shared';
  /** Keep the bench database (and the dedicated broker's data) for a look afterwards. */
  keep: boolean;
  /** Over the throughput phase: a CPU profile of the (first) service process, and samples of its SQL. */
  profile: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  events: 100_000,
  rate: 0,
  latencySeconds: 30,
  pollMs: 50,
  customers: 2_000,
  seed: 20_261_123,
  partitions: 6,
  instances: 1,
  broker: 'dedicated',
  keep: false,
  profile: false,
};

const FLAGS = new Set<keyof BenchOptions>(['keep', 'profile']);

export const USAGE = `usage: node dist/scripts/bench/insights.bench.js [--events N] [--rate N] [--latency-seconds S]
       [--poll-ms N] [--customers N] [--seed N] [--partitions N] [--instances N]
       [--broker dedicated|shared] [--keep] [--profile]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]
      .replace(/^--/, '')
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof BenchOptions;
    if (!Object.hasOwn(options, name) || !argv[i].startsWith('--'))
      throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    if (FLAGS.has(name)) {
      (options as unknown as Record<string, boolean>)[name] = true;
      continue;
    }
    const raw = argv[++i];
    if (name === 'broker') {
      if (raw !== 'dedicated' && raw !== 'shared')
        throw new Error(`--broker takes dedicated or shared, not ${raw}`);
      options.broker = raw;
      continue;
    }
    const value = Number(raw);
    const minimum = name === 'rate' ? 0 : 1;
    if (!Number.isFinite(value) || value < minimum)
      throw new Error(`bad value for ${argv[i - 1]}: ${raw ?? '(none)'}`);
    (options as unknown as Record<string, number>)[name] = Math.floor(value);
  }
  return options;
}

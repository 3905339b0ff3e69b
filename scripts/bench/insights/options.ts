import { parseBenchFlags } from '../shared/parse-bench-flags';

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

export const USAGE = `usage: node dist/scripts/bench/insights.bench.js [--events N] [--rate N] [--latency-seconds S]
       [--poll-ms N] [--customers N] [--seed N] [--partitions N] [--instances N]
       [--broker dedicated|shared] [--keep] [--profile]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  return parseBenchFlags(argv, DEFAULT_OPTIONS, {
    usage: USAGE,
    flags: ['keep', 'profile'],
    mayBeZero: ['rate'],
    text: {
      broker: (raw) => {
        if (raw !== 'dedicated' && raw !== 'shared')
          throw new Error(`--broker takes dedicated or shared, not ${raw}`);
        return raw;
      },
    },
  });
}

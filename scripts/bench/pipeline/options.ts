import { parseBenchFlags } from '../shared/parse-bench-flags';

/** What `npm run bench -- …` takes. Every option that changes a figure is printed with the figures. */
export interface PipelineBenchOptions {
  /** Records published at full speed for the sustained-throughput runs (pipeline and floor). */
  events: number;
  /** The first this-many of the same records for the naive peer (it is far slower). */
  naiveEvents: number;
  /** The first this-many for the floor; 0: all of them. A replay-sized run need not push all through it. */
  floorEvents: number;
  /** How long each fixed-rate latency run publishes; 0 skips them (a replay-only run). */
  latencySeconds: number;
  /** How often the latency runs look for applied records: the resolution of every latency. */
  pollMs: number;
  customers: number;
  seed: number;
  /** Partitions of every topic (raw, intermediate, the floor's and the naive peer's). */
  partitions: number;
  /** Instances of insights, the slowest service, in its consumer group. */
  insightsInstances: number;
  /** Seconds of each HTTP ingest run (single records, batches of 500); 0 skips them. */
  httpSeconds: number;
  /** Keep the bench database and the broker's data for a look afterwards. */
  keep: boolean;
  /** CPU profiles of every service over the sustained run, summarised in the report. */
  profile: boolean;
  /** Where the JSON report goes. */
  out: string;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineBenchOptions = {
  events: 50_000,
  naiveEvents: 10_000,
  floorEvents: 0,
  latencySeconds: 20,
  pollMs: 50,
  customers: 2_000,
  seed: 20_261_124,
  partitions: 6,
  insightsInstances: 1,
  httpSeconds: 10,
  keep: false,
  profile: false,
  out: '.tmp/bench.json',
};

export const PIPELINE_USAGE = `usage: npm run bench -- [--events N] [--naive-events N] [--floor-events N] [--latency-seconds S] [--poll-ms N]
       [--customers N] [--seed N] [--partitions N] [--insights-instances N] [--http-seconds S] [--keep] [--profile]
       [--out FILE]`;

export function parsePipelineOptions(argv: readonly string[]): PipelineBenchOptions {
  const options = parseBenchFlags(argv, DEFAULT_PIPELINE_OPTIONS, {
    usage: PIPELINE_USAGE,
    flags: ['keep', 'profile'],
    mayBeZero: ['httpSeconds', 'latencySeconds', 'floorEvents'],
    text: {
      out: (raw) => {
        if (!raw) throw new Error(`--out takes a file name\n${PIPELINE_USAGE}`);
        return raw;
      },
    },
  });
  for (const [flag, value] of [
    ['--naive-events', options.naiveEvents],
    ['--floor-events', options.floorEvents],
  ] as const)
    if (value > options.events)
      throw new Error(`${flag} (${value}) cannot exceed --events (${options.events})`);
  return options;
}

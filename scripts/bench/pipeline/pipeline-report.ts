import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ProfileSummary } from '../insights/cpu-profile-summary';
import { batchLines, writePhaseLines } from '../insights/report';
import { ServiceCounters } from '../insights/service-metrics';
import { SqlShare } from '../insights/sql-sampler';
import { LatencyResult } from '../shared/latency-phase';
import { ThroughputResult } from '../shared/throughput-phase';
import { ContenderRun } from './floor';
import { HttpIngestRun } from './http-ingest';
import { UsageBetween } from './process-usage';
import { StageDelay } from './stage-delays';

/** The targets of issue 7 on this 2-core machine. */
export const TARGETS = {
  perSecond: 10_000,
  shareOfFloor: 0.4,
  timesNaive: 10,
  p99AtHalfMs: 2_000,
  /** Replaying this many historical cases from an empty database… */
  replayCases: 1_000_000,
  /** …finishes within this. */
  replaySeconds: 180,
} as const;

export interface MeasuredRun extends ContenderRun {
  usage: UsageBetween;
  /** Peak resident memory of each of the run's own processes (services or the peer), MiB. */
  peakRssMiB: Record<string, number>;
}

export interface PipelineBenchReport {
  commit: string;
  settings: Record<string, string | number>;
  floor: MeasuredRun;
  /**
   * The pipeline's four processes and three broker hops with no logic (topology-floor/): what the
   * design's shape costs before any of its work. Not one of the targets; it says how much of
   * the gap to the floor the shape accounts for.
   */
  topologyFloor: MeasuredRun;
  naive: MeasuredRun;
  /** `cases`: how many of the sustained run's records were cases (the rest survey responses). */
  pipeline: MeasuredRun & { drain: ThroughputResult; cases: number };
  /**
   * `services`: what each service did over the run: batches per input topic (count, events, time) and
   * insights' writes (how many, and per write where the time went).
   */
  latency: Array<{
    shareOfSustained: number;
    result: LatencyResult;
    stages?: StageDelay[];
    services?: Record<string, ServiceCounters>;
  }>;
  http: HttpIngestRun[];
  /** With --profile: where each service instance spent its CPU over the sustained run. */
  profiles?: Record<string, ProfileSummary & { file: string }>;
  /** With --profile: the statements the services' connections were running, sampled over the sustained run. */
  sql?: { samples: number; statements: SqlShare[] };
  /** `met` null: the run did not measure it (too few records for the replay, no latency runs). */
  targets: Array<{ target: string; figure: string; met: boolean | null }>;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '∞');
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ms = (n: number) => (Number.isFinite(n) ? `${int(n)} ms` : 'never');

/** Columns padded to their widest cell: the first (a name) left-aligned, the figures right-aligned. */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  { textColumns = 1 } = {},
): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    '  ' +
    cells
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Whether each target of the issue is met, with the figure it was judged on. */
export function judgeTargets(report: Omit<PipelineBenchReport, 'targets'>): PipelineBenchReport['targets'] {
  const sustained = report.pipeline.perSecond;
  const half = report.latency.find((run) => run.shareOfSustained === 0.5);
  const p99 = half?.result.latencyMs.p99 ?? NaN;
  return [
    {
      target: `sustained ≥ ${int(TARGETS.perSecond)} events/s`,
      figure: `${int(sustained)} events/s`,
      met: sustained >= TARGETS.perSecond,
    },
    {
      target: `≥ ${TARGETS.shareOfFloor * 100}% of the floor`,
      figure: `${fixed((100 * sustained) / report.floor.perSecond)}%`,
      met: sustained >= TARGETS.shareOfFloor * report.floor.perSecond,
    },
    {
      target: `≥ ${TARGETS.timesNaive}× the naive peer`,
      figure: `${fixed(sustained / report.naive.perSecond)}×`,
      met: sustained >= TARGETS.timesNaive * report.naive.perSecond,
    },
    {
      target: `p99 ≤ ${int(TARGETS.p99AtHalfMs)} ms at 50% of sustained`,
      figure: half ? ms(p99) : 'not run (--latency-seconds 0)',
      met: half ? p99 <= TARGETS.p99AtHalfMs : null,
    },
    replayTarget(report.pipeline),
  ];
}

/**
 * The sustained run is a replay: every record published up front, into an empty database. It
 * answers the replay target when it held enough cases; otherwise the figure says how far it got.
 */
function replayTarget(pipeline: PipelineBenchReport['pipeline']): PipelineBenchReport['targets'][number] {
  const target = `replay ${int(TARGETS.replayCases)} cases ≤ ${TARGETS.replaySeconds} s`;
  if (pipeline.cases < TARGETS.replayCases) {
    const recordsNeeded = Math.ceil((TARGETS.replayCases * pipeline.events) / Math.max(1, pipeline.cases));
    return {
      target,
      figure: `not run: ${int(pipeline.cases)} cases (--events ${int(recordsNeeded)} holds enough)`,
      met: null,
    };
  }
  return {
    target,
    figure: `${int(pipeline.cases)} cases in ${fixed(pipeline.seconds)} s`,
    met: (pipeline.seconds * TARGETS.replayCases) / pipeline.cases <= TARGETS.replaySeconds,
  };
}

/** CPU seconds per 1,000 events of each process group in a run, and its peak memory. */
function cpuRows(label: string, run: MeasuredRun): string[][] {
  return Object.entries(run.usage.cpuSeconds).map(([group, seconds]) => [
    label,
    group,
    fixed(seconds, 2),
    fixed((1000 * seconds) / run.events, 3),
    `${fixed((100 * seconds) / run.usage.seconds, 0)}%`,
    run.peakRssMiB[group] === undefined ? '' : fixed(run.peakRssMiB[group], 0),
  ]);
}

export function formatReport(report: PipelineBenchReport): string {
  const out: string[] = [];
  const { floor, topologyFloor, naive, pipeline } = report;
  out.push('SupportLens benchmark — the whole pipeline, its floor and its naive peer, same machine and run');
  out.push(`commit ${report.commit}\n`);
  out.push('settings');
  out.push(
    formatTable(
      ['setting', 'value'],
      Object.entries(report.settings).map(([k, v]) => [k, String(v)]),
      { textColumns: 2 },
    ),
  );
  out.push('\nsustained throughput (publish at full speed → every row committed, every lag 0)');
  out.push(
    formatTable(
      ['run', 'events', 'seconds', 'events/s', 'SupportLens ÷ it'],
      [
        [
          'floor: bare kafkajs, one unnest upsert per batch',
          int(floor.events),
          fixed(floor.seconds),
          int(floor.perSecond),
          `${fixed((100 * pipeline.perSecond) / floor.perSecond)}%`,
        ],
        [
          'topology floor: four bare processes, three hops',
          int(topologyFloor.events),
          fixed(topologyFloor.seconds),
          int(topologyFloor.perSecond),
          `${fixed((100 * pipeline.perSecond) / topologyFloor.perSecond)}%`,
        ],
        [
          'naive peer: Nest Kafka transport, save() per event',
          int(naive.events),
          fixed(naive.seconds),
          int(naive.perSecond),
          `${fixed(pipeline.perSecond / naive.perSecond)}×`,
        ],
        [
          'SupportLens: ingest → classifier + scoring → insights',
          int(pipeline.events),
          fixed(pipeline.seconds),
          int(pipeline.perSecond),
          '–',
        ],
      ],
    ),
  );
  const drain = pipeline.drain;
  out.push(
    `  SupportLens: first insight commit ${fixed(drain.firstCommitSeconds)} s after the first publish; ` +
      `insights judged its catch-up in ${fixed(drain.judgingSeconds)} s; ` +
      `rate by fifth of the backlog ${drain.byFifth.map((rate) => int(rate)).join(' / ')} events/s`,
  );
  out.push('\nlatency, publish to read model, at a fixed rate');
  if (report.latency.length === 0) out.push('  not run (--latency-seconds 0)');
  else
    out.push(
      formatTable(
        ['load', 'events/s', 'published', 'p50', 'p95', 'p99', 'max', 'not applied'],
        report.latency.map(({ shareOfSustained, result }) => [
          `${shareOfSustained * 100}% of sustained`,
          int(result.publishedPerSecond),
          int(result.published),
          ms(result.latencyMs.p50),
          ms(result.latencyMs.p95),
          ms(result.latencyMs.p99),
          ms(result.latencyMs.max),
          int(result.notApplied),
        ]),
      ),
    );
  for (const { shareOfSustained, stages, services } of report.latency) {
    if (!stages) continue;
    out.push(
      `  where it goes at ${shareOfSustained * 100}% (each stage's output timestamp minus the previous one's):`,
    );
    out.push(
      formatTable(
        ['stage', 'records', 'p50', 'p99'],
        stages.map((stage) => [stage.stage, int(stage.records), ms(stage.p50Ms), ms(stage.p99Ms)]),
      ),
    );
    if (services) {
      out.push(`  batches and writes at ${shareOfSustained * 100}%:`);
      for (const [name, counters] of Object.entries(services))
        for (const [label, text] of [...batchLines(counters), ...writePhaseLines(counters)])
          out.push(`    ${name} ${label}: ${text}`);
    }
  }
  out.push('\nCPU per process over each sustained run');
  out.push(
    formatTable(
      ['run', 'process', 'CPU s', 'CPU s / 1k events', 'of one core', 'peak RSS MiB (whole run)'],
      [
        ...cpuRows('floor', floor),
        ...cpuRows('topology floor', topologyFloor),
        ...cpuRows('naive peer', naive),
        ...cpuRows('SupportLens', pipeline),
      ],
      { textColumns: 2 },
    ),
  );
  out.push(
    '  the host over each run (all cores): ' +
      (
        [
          ['floor', floor],
          ['topology floor', topologyFloor],
          ['naive peer', naive],
          ['SupportLens', pipeline],
        ] as Array<[string, MeasuredRun]>
      )
        .map(([label, run]) => {
          const m = run.usage.machinePercent;
          return `${label} user ${fixed(m.user, 0)}% system ${fixed(m.system, 0)}% irq ${fixed(m.irq, 0)}% steal ${fixed(m.steal, 0)}% idle ${fixed(m.idle, 0)}%`;
        })
        .join('; '),
  );
  if (report.http.length > 0) {
    out.push('\nHTTP ingest (autocannon, ingest alone: the other services stopped)');
    out.push(
      formatTable(
        [
          'body',
          'connections',
          'requests/s',
          'events/s',
          'p50',
          'p99',
          'max',
          'non-2xx',
          'errors',
          'repeated',
        ],
        report.http.map((run) => [
          run.label,
          int(run.connections),
          int(run.requestsPerSecond),
          int(run.eventsPerSecond),
          ms(run.latencyMs.p50),
          ms(run.latencyMs.p99),
          ms(run.latencyMs.max),
          int(run.non2xx),
          int(run.errors),
          int(run.repeated),
        ]),
      ),
    );
  }
  for (const [label, profile] of Object.entries(report.profiles ?? {})) {
    out.push(
      `\nCPU profile of ${label} over the sustained run (${fixed(profile.sampledSeconds)} s sampled; ${profile.file})`,
    );
    const share = (row: { name: string; percent: number }) => [row.name, `${fixed(row.percent)}%`];
    out.push(formatTable(['where (self time)', 'share'], profile.byArea.slice(0, 8).map(share)));
    out.push(formatTable(['function (self time)', 'share'], profile.topFunctions.slice(0, 10).map(share)));
  }
  if (report.sql) {
    out.push(
      `\nPostgres: what the services' connections were running over the sustained run (${int(report.sql.samples)} samples; 100% = one connection busy all the time)`,
    );
    out.push(
      formatTable(
        ['statement', 'share', 'waiting most on'],
        report.sql.statements.map((row) => [row.statement, `${fixed(row.percent)}%`, row.waiting ?? '']),
        { textColumns: 1 },
      ),
    );
  }
  out.push('\ntargets');
  out.push(
    formatTable(
      ['target', 'figure', 'met'],
      report.targets.map((row) => [row.target, row.figure, row.met === null ? '–' : row.met ? 'yes' : 'NO']),
      { textColumns: 3 },
    ),
  );
  return out.join('\n');
}

export function writeReport(report: PipelineBenchReport, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

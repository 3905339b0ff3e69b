import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LatencyResult } from '../shared/latency-phase';
import { ProfileSummary } from './cpu-profile-summary';
import { FloorResult } from './raw-floor';
import { ResourceUsage } from './resources';
import { ServiceCounters, WRITES } from './service-metrics';
import { SqlShare } from './sql-sampler';
import { ThroughputResult } from '../shared/throughput-phase';

export const TARGET_PER_SECOND = 10_000;
export const TARGET_P99_MS = 2_000;

export interface BenchReport {
  settings: Record<string, string | number>;
  floor: FloorResult;
  throughput: ThroughputResult & { usage: ResourceUsage };
  throughputCounters: ServiceCounters;
  latency: LatencyResult;
  latencyCounters: ServiceCounters;
  /** CPU over phase B, publishing and draining included. */
  latencyUsage: ResourceUsage;
  service: { peakRssMiB: number[] };
  profile?: ProfileSummary & { file: string };
  sql?: { samples: number; statements: SqlShare[] };
  targets: { perSecond: number; p99Ms: number; met: boolean };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '∞');
const ms = (n: number) =>
  Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : 'not applied';
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
/** CPU seconds over a phase as a share of one core, `12.3%`. */
const ofCore = (cpuSeconds: number, usage: ResourceUsage) => `${fixed((100 * cpuSeconds) / usage.seconds)}%`;

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n');
}

export function batchLines(counters: ServiceCounters): Array<[string, string]> {
  return Object.entries(counters.batches)
    .filter(([, b]) => b.count > 0)
    .map(([topic, b]) => [
      `batches ${topic}`,
      `${int(b.count)} batches, mean ${fixed(b.events / b.count)} events, mean ${fixed((1000 * b.seconds) / b.count)} ms each`,
    ]);
}

/**
 * Per kind of write (its inputs: a write takes the case and survey batches that arrived together):
 * how many, the share of the writer's time each phase took (largest first), and ms per write.
 */
export function writePhaseLines(counters: ServiceCounters): Array<[string, string]> {
  return Object.entries(counters.writePhases).flatMap(([input, { [WRITES]: writes = 0, ...phases }]) => {
    const total = Object.values(phases).reduce((a, b) => a + b, 0);
    if (total <= 0 || writes <= 0) return [];
    const parts = Object.entries(phases)
      .sort(([, a], [, b]) => b - a)
      .map(
        ([phase, seconds]) =>
          `${phase} ${fixed((100 * seconds) / total, 0)}% (${int((1000 * seconds) / writes)} ms)`,
      );
    return [
      [`writes of ${input}`, `${int(writes)} writes, per write: ${parts.join(', ')}`] as [string, string],
    ];
  });
}

export function printReport(report: BenchReport): void {
  const { throughput: a, latency: b, settings } = report;
  const bu = report.latencyUsage;
  const usage = a.usage;
  console.log('\ninsights benchmark — end to end through Kafka and Postgres\n');
  console.log('settings');
  console.log(table(Object.entries(settings).map(([name, value]) => [name, String(value)])));
  console.log('\n0. raw floor (the same backlog through bare kafkajs and one bulk insert per batch)');
  console.log(
    table([
      [
        'floor',
        `${int(report.floor.perSecond)} events/s (${int(report.floor.events)} events in ${fixed(report.floor.seconds, 2)} s, ` +
          `${int(report.floor.batches)} batches)`,
      ],
    ]),
  );
  console.log('\nA. sustained throughput (backlog published first, then the service started)');
  console.log(
    table([
      ['events', int(a.events)],
      [
        'sustained (first commit → all applied and judged)',
        `${int(a.sustainedPerSecond)} events/s over ${fixed(a.drainSeconds, 2)} s ` +
          `(${fixed((100 * a.sustainedPerSecond) / report.floor.perSecond)}% of the raw floor)`,
      ],
      [
        'catch-up (judging deferred to the end)',
        a.catchUp.ran
          ? `on (lag ${int(a.catchUp.enteredLag ?? NaN)} at start): applied at ${int(a.appliedPerSecond)} events/s ` +
            `in ${fixed(a.appliedSeconds, 2)} s, then judged in ${fixed(a.judgingSeconds, 2)} s`
          : 'off (the backlog was under CATCH_UP_ENTER_LAG): judged batch by batch',
      ],
      ['by fifth of the backlog, first → last', a.byFifth.map((rate) => int(rate)).join(' → ') + ' events/s'],
      [
        'per whole second: min / median / max',
        `${int(a.perSecond.min)} / ${int(a.perSecond.median)} / ${int(a.perSecond.max)} events/s`,
      ],
      [
        'including consumer start (ready → all applied)',
        `${int(a.fromReadyPerSecond)} events/s (first commit ${fixed(a.firstCommitSeconds, 2)} s after ready)`,
      ],
      [
        'service CPU',
        `${fixed(usage.serviceCpuSeconds, 2)} s = ${ofCore(usage.serviceCpuSeconds, usage)} of one core, ${int((1e6 * usage.serviceCpuSeconds) / a.events)} µs per event`,
      ],
      [
        'Postgres backends CPU',
        `${fixed(usage.postgresCpuSeconds, 2)} s = ${ofCore(usage.postgresCpuSeconds, usage)} of one core`,
      ],
      [
        'broker CPU',
        usage.brokerCpuSeconds > 0 ? `${fixed(usage.brokerCpuSeconds, 2)} s` : 'not measured (shared broker)',
      ],
      ['bench process CPU', `${fixed(usage.benchCpuSeconds, 2)} s (counting, polling)`],
      [
        'machine busy',
        `${fixed(usage.machineBusyPercent)}% of ${usage.cores} cores (every process on the host)`,
      ],
      ...batchLines(report.throughputCounters),
      ...writePhaseLines(report.throughputCounters),
      ['resolution', `progress polled every ${a.pollMs} ms`],
    ]),
  );
  console.log(`\nB. latency at a fixed rate (publish → read models committed)`);
  console.log(
    table([
      ['rate', `${int(b.targetPerSecond)} events/s target, ${int(b.publishedPerSecond)} published/s`],
      [
        'events',
        `${int(b.published)} published, ${int(b.applied)} applied, ${int(b.notApplied)} not applied`,
      ],
      ['latency p50 / p95 / p99', `${ms(b.latencyMs.p50)} / ${ms(b.latencyMs.p95)} / ${ms(b.latencyMs.p99)}`],
      ['latency max / mean', `${ms(b.latencyMs.max)} / ${ms(b.latencyMs.mean)}`],
      [
        'p50 / p99 by third',
        `${b.byThird.map((t) => `${ms(t.p50)} / ${ms(t.p99)}`).join(' → ')} (by when published; climbing = fell behind)`,
      ],
      [
        'resolution',
        `starts a poll every ${b.pollIntervalMs.target} ms or every three polls' time, whichever is longer (actual mean ${fixed(b.pollIntervalMs.mean)} ms, max ${int(b.pollIntervalMs.max)} ms; ` +
          `a poll took ${fixed(b.pollQueryMs.mean)} ms on average): each latency is at most one interval high`,
      ],
      [
        'CPU over the phase',
        `service ${ofCore(bu.serviceCpuSeconds, bu)} of a core, Postgres ${ofCore(bu.postgresCpuSeconds, bu)}, ` +
          `broker ${ofCore(bu.brokerCpuSeconds, bu)}, bench ${ofCore(bu.benchCpuSeconds, bu)} (publishing, polling); ` +
          `machine ${fixed(bu.machineBusyPercent)}% of ${bu.cores} cores`,
      ],
      ...batchLines(report.latencyCounters),
      ...writePhaseLines(report.latencyCounters),
      ['service peak RSS', report.service.peakRssMiB.map((mib) => `${fixed(mib)} MiB`).join(', ')],
      ['dead letters', String(report.throughputCounters.deadLetters + report.latencyCounters.deadLetters)],
    ]),
  );
  if (report.profile) {
    const p = report.profile;
    console.log(
      `\nCPU profile of the service over phase A (${fixed(p.sampledSeconds, 1)} s sampled; ${p.file})`,
    );
    console.log('  self time by area');
    console.log(table(p.byArea.map(({ name, percent }) => [`  ${name}`, `${fixed(percent)}%`])));
    console.log('  heaviest functions (self time)');
    console.log(table(p.topFunctions.map(({ name, percent }) => [`  ${name}`, `${fixed(percent)}%`])));
  }
  if (report.sql) {
    console.log(
      `\nPostgres time of the service's connections over phase A (${report.sql.samples} samples of pg_stat_activity; ` +
        '100% = one connection busy all the time)',
    );
    console.log(
      table(
        report.sql.statements.map(({ statement, percent, waiting }) => [
          `  ${fixed(percent).padStart(5)}%`,
          `${statement}${waiting ? `  [waiting: ${waiting}]` : ''}`,
        ]),
      ),
    );
  }
  const { targets } = report;
  console.log(
    `\ntargets ≥ ${int(TARGET_PER_SECOND)} events/s sustained and p99 ≤ ${int(TARGET_P99_MS)} ms: ${targets.met ? 'met' : 'NOT MET'} ` +
      `(${int(targets.perSecond)} events/s, p99 ${ms(targets.p99Ms)})`,
  );
}

export function writeReport(report: BenchReport, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // JSON has no Infinity: an event never applied is written as null.
  writeFileSync(file, JSON.stringify(report, (_, value) => (value === Infinity ? null : value), 2) + '\n');
}

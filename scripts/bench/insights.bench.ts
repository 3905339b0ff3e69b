import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { AppliedEvents } from './insights/applied-events';
import { BenchBroker, openBroker } from './shared/bench-broker';
import { BenchDatabase } from './shared/bench-database';
import { Cleanup } from './shared/cleanup';
import { summariseCpuProfile } from './insights/cpu-profile-summary';
import { ensureInputTopics, inputEndOffsets, startGroupsAt } from './insights/input-topics';
import { InsightsProcess } from './insights/insights-process';
import { measureLatency } from './shared/latency-phase';
import { LoadPublisher, prepare } from './shared/load-publisher';
import { BenchOptions, parseOptions } from './insights/options';
import { peakRssOf } from './shared/process-stats';
import { measureRawFloor } from './insights/raw-floor';
import { repoRoot } from './shared/repo-root';
import { BenchReport, printReport, TARGET_P99_MS, TARGET_PER_SECOND, writeReport } from './insights/report';
import { Resources, usageBetween } from './insights/resources';
import {
  addCounters,
  countersBetween,
  parseServiceCounters,
  ServiceCounters,
} from './insights/service-metrics';
import { SqlSampler } from './insights/sql-sampler';
import { SyntheticLoad } from './shared/synthetic-load';
import { drainBacklog } from './shared/throughput-phase';
import { InsightsConfig } from '../../services/insights/src/config/insights.config';

/**
 * `npm run bench:insights`: end-to-end throughput and latency of the insights service, through a real
 * Kafka broker and Postgres, with the service in its own process(es) from `dist/`.
 *
 *   0. Raw floor: the backlog below through bare kafkajs and one bulk insert per batch, in this
 *      process, before the service starts: what Kafka and Postgres cost here without the service.
 *   A. Sustained throughput: a fixed, seeded load of classified cases and scored surveys (2,000
 *      customers, a few large ones sending most of it; about one survey per four cases) is published
 *      first, then the service starts and drains it flat out. Events/second from its first commit
 *      until every event of the run is committed in `insights.processed_events` (with its facts,
 *      profiles, rollups and insights, in the same transaction).
 *   B. Latency: publishes at a fixed rate (half the sustained rate unless --rate) for --latency-seconds
 *      and measures publish → committed per event: p50 / p95 / p99 / max, at the poll interval's
 *      resolution.
 *
 * Runs on a throwaway database (`supportlens_bench_<random>`, every migration applied) and, unless
 * --broker shared, on a throwaway broker of its own (see bench-broker.ts for why). Prints the figures
 * and the settings that change them, writes them to .tmp/bench-insights.json, and exits with 1 when the
 * targets (≥ 10,000 events/s sustained, p99 ≤ 2 s) are not met. --profile records a CPU profile of the
 * service and samples its SQL over phase A, and prints where its time goes.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const runId = randomBytes(3).toString('hex');
  const outDir = path.join(repoRoot(), '.tmp');
  mkdirSync(outDir, { recursive: true });
  const cleanup = new Cleanup(log);

  log(`generating ${options.events.toLocaleString('en-US')} events (seed ${options.seed})`);
  const load = new SyntheticLoad({
    seed: options.seed,
    customers: options.customers,
    namespace: `bench-${runId}`,
    // Records of the last ~6 weeks, one every 15 s of record time.
    start: new Date(Date.now() - 45 * 86_400_000),
    spacingMs: 15_000,
    maxFollowUpSlots: 3_000,
    trendFromSlot: Math.floor(options.events / 2),
  });
  const backlog = load.take(options.events).map(prepare);

  try {
    const stack = await setUp(options, runId, cleanup);
    const { broker, database, publisher } = stack;

    log(`publishing the backlog of ${backlog.length.toLocaleString('en-US')} events`);
    const publishStart = Date.now();
    await publisher.publish(backlog);
    const publishSeconds = (Date.now() - publishStart) / 1000;

    log('phase 0: the raw floor (bare kafkajs, one bulk insert per batch)');
    const floor = await measureRawFloor({
      brokers: broker.brokers,
      pool: database.pool,
      groupId: `${stack.groupPrefix}.raw-floor`,
      from: stack.backlogStart,
      expected: backlog.length,
    });

    log(`starting ${options.instances} insights process(es)`);
    const profileFile = path.join(outDir, `bench-insights-${runId}.cpuprofile`);
    const services = await startServices(options, stack, cleanup, outDir, profileFile);
    const readyAt = Date.now();
    const applied = new AppliedEvents(database.pool);
    const counters = async () =>
      addCounters(await Promise.all(services.map(async (s) => parseServiceCounters(await s.metrics()))));

    log('phase A: draining the backlog');
    const sql = options.profile ? new SqlSampler(database.pool) : undefined;
    const before = await counters();
    const resources = new Resources(
      services.map((service) => service.pid),
      () => database.backendPids(),
      broker.pid,
    );
    const drained = await drainBacklog({
      applied,
      events: backlog,
      readyAt,
      readResources: () => resources.read(),
      pollMs: 100,
      check: async () => assertNoDeadLetters(await counters()),
      onFirstCommit: () => {
        if (!options.profile) return;
        services[0].startProfile();
        sql!.start();
      },
    });
    const throughput = { ...drained.result, usage: usageBetween(drained.start, drained.end) };
    const sqlProfile = sql?.stop();
    const afterA = await counters();
    const profile = options.profile ? await stopProfile(services[0], profileFile) : undefined;

    const rate = options.rate || Math.max(1, Math.round(throughput.sustainedPerSecond / 2));
    log(`phase B: ${rate.toLocaleString('en-US')} events/s for ${options.latencySeconds} s`);
    const beforeB = await resources.read();
    const latency = await measureLatency({
      publisher,
      applied,
      events: load.take(rate * options.latencySeconds).map(prepare),
      perSecond: rate,
      seconds: options.latencySeconds,
      pollMs: options.pollMs,
      drainTimeoutMs: 60_000,
    });
    const afterB = await counters();
    const latencyUsage = usageBetween(beforeB, await resources.read());

    const report: BenchReport = {
      settings: await settingsOf(options, stack, publishSeconds),
      floor,
      throughput,
      throughputCounters: countersBetween(before, afterA),
      latency,
      latencyCounters: countersBetween(afterA, afterB),
      latencyUsage,
      service: { peakRssMiB: services.map((service) => peakRssOf(service.pid) / 1024 / 1024) },
      profile,
      sql: sqlProfile,
      targets: {
        perSecond: throughput.sustainedPerSecond,
        p99Ms: latency.latencyMs.p99,
        met: throughput.sustainedPerSecond >= TARGET_PER_SECOND && latency.latencyMs.p99 <= TARGET_P99_MS,
      },
    };
    printReport(report);
    const file = path.join(outDir, 'bench-insights.json');
    writeReport(report, file);
    console.log(`(written to ${path.relative(process.cwd(), file)})`);
    if (!report.targets.met) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

interface Stack {
  broker: BenchBroker;
  database: BenchDatabase;
  admin: ReturnType<Kafka['admin']>;
  publisher: LoadPublisher;
  groupPrefix: string;
  partitions: Record<string, number>;
  /** Where the input topics ended before the backlog: where this run's events begin. */
  backlogStart: Awaited<ReturnType<typeof inputEndOffsets>>;
}

/** The broker, the database, the input topics and the service's consumer groups, and a publisher. */
async function setUp(options: BenchOptions, runId: string, cleanup: Cleanup): Promise<Stack> {
  log(`starting a ${options.broker} broker and a throwaway database`);
  const broker = await openBroker(options.broker);
  cleanup.add('stopping the broker', () => broker.close(options.keep));
  const database = await BenchDatabase.create();
  cleanup.add(`dropping ${database.name}`, () => database.close(options.keep));
  const kafka = new Kafka({
    clientId: 'bench-insights',
    brokers: broker.brokers.split(','),
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  await admin.connect();
  cleanup.add('disconnecting the admin client', () => admin.disconnect());
  const groupPrefix = `supportlens-bench-${runId}`;
  if (broker.kind === 'shared')
    cleanup.add('deleting the consumer groups', () => deleteGroups(admin, groupPrefix));
  const partitions = await ensureInputTopics(admin, options.partitions);
  const backlogStart = await inputEndOffsets(admin);
  await startGroupsAt(admin, groupPrefix, backlogStart);
  const publisher = await LoadPublisher.connect(broker.brokers);
  cleanup.add('disconnecting the publisher', () => publisher.close());
  return { broker, database, admin, publisher, groupPrefix, partitions, backlogStart };
}

async function startServices(
  options: BenchOptions,
  stack: Stack,
  cleanup: Cleanup,
  outDir: string,
  profileFile: string,
): Promise<InsightsProcess[]> {
  const services: InsightsProcess[] = [];
  cleanup.add('stopping the service', () => Promise.all(services.map((service) => service.stop())));
  for (let i = 0; i < options.instances; i++) {
    services.push(
      await InsightsProcess.start({
        env: {
          DATABASE_URL: stack.database.url,
          KAFKA_BROKERS: stack.broker.brokers,
          KAFKA_GROUP_ID_PREFIX: stack.groupPrefix,
          KAFKA_TOPIC_PARTITIONS: String(options.partitions),
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
        logFile: path.join(outDir, 'bench-insights-service.log'),
        profileTo: options.profile && i === 0 ? profileFile : undefined,
      }),
    );
  }
  return services;
}

/** An event that never applies would stall the run: stop with the reason instead. */
function assertNoDeadLetters({ deadLetters }: ServiceCounters): void {
  if (deadLetters > 0) {
    throw new Error(`the service dead-lettered ${deadLetters} event(s); see .tmp/bench-insights-service.log`);
  }
}

/** Everything that changes the figures. */
async function settingsOf(
  options: BenchOptions,
  stack: Stack,
  publishSeconds: number,
): Promise<Record<string, string | number>> {
  const pg = await stack.database.settings();
  return {
    'input topic partitions': Object.entries(stack.partitions)
      .map(([topic, n]) => `${topic} ${n}`)
      .join(', '),
    'insights instances': options.instances,
    consumer:
      `kafkajs eachBatch, ${process.env.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY ?? new InsightsConfig().KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY} partitions at a time ` +
      'per consumer (KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY), written by ' +
      `${process.env.INSIGHTS_WRITERS ?? new InsightsConfig().INSIGHTS_WRITERS} writers per instance (INSIGHTS_WRITERS; ` +
      'partition p to writer p mod N), one transaction per fetch each, maxWaitTimeInMs 100, ' +
      `maxBytesPerPartition ${((Number(process.env.KAFKA_MAX_BYTES_PER_PARTITION) || new InsightsConfig().KAFKA_MAX_BYTES_PER_PARTITION) / 1_048_576).toFixed(2)} MiB ` +
      '(KAFKA_MAX_BYTES_PER_PARTITION)',
    'database pool': '10 connections per instance (persistence DEFAULT_POOL_SIZE)',
    'catch-up':
      `judging deferred above an input lag of ` +
      `${Number(process.env.CATCH_UP_ENTER_LAG ?? new InsightsConfig().CATCH_UP_ENTER_LAG).toLocaleString('en-US')} ` +
      'events (CATCH_UP_ENTER_LAG; 0 turns it off)',
    postgres:
      `${pg.server_version}: synchronous_commit ${pg.synchronous_commit}, fsync ${pg.fsync}, ` +
      `shared_buffers ${pg.shared_buffers}`,
    broker: `${stack.broker.kind} at ${stack.broker.brokers}`,
    'consumer groups': `${stack.groupPrefix}.insights.*, starting where this run's events begin`,
    load:
      `${options.customers.toLocaleString('en-US')} customers (Zipf 0.9), seed ${options.seed}; ` +
      `backlog published in ${publishSeconds.toFixed(1)} s`,
    node: `${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    database: `${stack.database.name}${options.keep ? ' (kept)' : ' (dropped)'}`,
  };
}

async function stopProfile(service: InsightsProcess, file: string): Promise<BenchReport['profile']> {
  await service.stopProfile();
  return { ...summariseCpuProfile(file), file: path.relative(process.cwd(), file) };
}

/** On a shared broker, removes the run's consumer groups (their events stay on the topics). */
async function deleteGroups(admin: ReturnType<Kafka['admin']>, prefix: string): Promise<void> {
  const { groups } = await admin.listGroups().catch(() => ({ groups: [] as Array<{ groupId: string }> }));
  const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(`${prefix}.`));
  if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(2);
});

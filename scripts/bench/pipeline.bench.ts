import { Topics } from '@supportlens/contracts';
import { BaseServiceConfig } from '@supportlens/platform';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { consumerLag } from '../faults/check/consumer-lag';
import { Pipeline } from '../faults/stack/pipeline';
import { SERVICE_NAMES } from '../faults/stack/service-process';
import { summariseCpuProfile } from './insights/cpu-profile-summary';
import { InsightsConfig } from '../../services/insights/src/config/insights.config';
import { IngestConfig } from '../../services/ingest/src/config/ingest.config';
import { ClassifierConfig } from '../../services/classifier/src/config/classifier.config';
import { SurveyScoringConfig } from '../../services/survey-scoring/src/config/survey-scoring.config';
import { SqlSampler } from './insights/sql-sampler';
import { ContenderRun, runFloor } from './pipeline/floor';
import { HttpIngestRun, runHttpIngest } from './pipeline/http-ingest';
import { NAIVE_RECORDS_DDL } from './pipeline/naive-peer/naive-record.entity';
import { NAIVE_TOPICS } from './pipeline/naive-peer/naive-topics';
import { NaivePeerProcess } from './pipeline/naive-peer-process';
import { PipelineBenchOptions, parsePipelineOptions } from './pipeline/options';
import { timeUntilWritten } from './pipeline/time-until-written';
import { TOPOLOGY_FLOOR_TOPICS, TopologyFloor } from './pipeline/topology-floor/topology-floor';
import { PipelineApplied } from './pipeline/pipeline-applied';
import {
  formatReport,
  judgeTargets,
  MeasuredRun,
  PipelineBenchReport,
  writeReport,
} from './pipeline/pipeline-report';
import { postgresPids, ProcessGroups, ProcessUsage, usageBetween } from './pipeline/process-usage';
import { RawRecord, rawRecordOf } from './pipeline/raw-records';
import { measureStageDelays } from './pipeline/stage-delays';
import { BenchBroker, openBroker } from './shared/bench-broker';
import { BenchDatabase } from './shared/bench-database';
import { Cleanup } from './shared/cleanup';
import { benchApiKey } from './shared/bench-api-key';
import {
  addCounters,
  countersBetween,
  parseServiceCounters,
  ServiceCounters,
} from './insights/service-metrics';
import { measureLatency } from './shared/latency-phase';
import { LoadPublisher, PreparedEvent } from './shared/load-publisher';
import { peakRssOf } from './shared/process-stats';
import { repoRoot } from './shared/repo-root';
import { SyntheticLoad } from './shared/synthetic-load';
import { drainBacklog } from './shared/throughput-phase';

/**
 * `npm run bench`: the whole pipeline (ingest → classifier and survey-scoring → insights, each its own
 * process from `dist/`, real broker, real Postgres) beside what bounds it and what a team would
 * otherwise build, on the same records, broker, database and machine, in one run:
 *
 *   1. floor: bare kafkajs produce → consume (`eachBatch`) → one `unnest` upsert per batch; then the
 *      topology floor: the pipeline's four processes and three hops doing nothing but forwarding;
 *   2. naive peer: the same job as a NestJS microservice on the built-in Kafka transport,
 *      `@EventPattern` per message, TypeORM `save()` per event (naive-peer/);
 *   3. SupportLens: the records published to the raw topics at full speed; sustained throughput is
 *      records / (first publish → every record in insights' read models, the catch-up judged, every
 *      consumer group's lag 0);
 *   4. latency publish → read model at 50% and 90% of that rate (p50/p95/p99/max);
 *   5. HTTP ingest with autocannon: single cases and batches of 500 (the other services stopped).
 *
 * CPU seconds per 1,000 events of every process (each service, the broker, Postgres, the bench) and
 * peak memory of each service. Prints a table, writes .tmp/bench.json (--out), exits 1 when a target is missed.
 */
async function main(): Promise<void> {
  const options = parsePipelineOptions(process.argv.slice(2));
  const runId = randomBytes(3).toString('hex');
  const outDir = path.join(repoRoot(), '.tmp');
  const logDir = path.join(outDir, `bench-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const cleanup = new Cleanup(log);

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
  log(`generating ${int(options.events)} records (seed ${options.seed})`);
  const records = load.take(options.events).map(rawRecordOf);

  try {
    log('starting a broker of the bench’s own and a throwaway database');
    const broker = await openBroker('dedicated');
    cleanup.add('stopping the broker', () => broker.close(options.keep));
    const database = await BenchDatabase.create();
    cleanup.add(`dropping ${database.name}`, () => database.close(options.keep));
    const admin = new Kafka({
      clientId: 'bench',
      brokers: broker.brokers.split(','),
      logLevel: logLevel.WARN,
    }).admin();
    await admin.connect();
    cleanup.add('disconnecting the admin client', () => admin.disconnect());
    await createTopics(admin, options.partitions);
    const publisher = await LoadPublisher.connect(broker.brokers);
    cleanup.add('disconnecting the publisher', () => publisher.close());
    const common = {
      bench: () => [process.pid],
      broker: () => (broker.pid ? [broker.pid] : []),
      postgres: postgresPids,
    };

    const floorRecords = options.floorEvents > 0 ? records.slice(0, options.floorEvents) : records;
    log(`1. floor: ${int(floorRecords.length)} records through bare kafkajs and one upsert per batch`);
    const floor = await measured(new ProcessUsage(common), floorRecords.length, {}, () =>
      runFloor({
        brokers: broker.brokers,
        pool: database.pool,
        publisher,
        events: floorRecords.map((record) => ({ ...record, topic: `bench.floor.${record.kind}s.raw` })),
        groupId: `bench-${runId}.floor`,
      }),
    );

    // What the contenders below share: the run's broker, database, publisher, logs and its processes.
    const contenders: ContenderContext = { options, broker, database, publisher, runId, logDir, common };
    log(`   the topology floor: the same records through four bare processes and three hops`);
    const topologyFloor = await runTopologyFloor(contenders, floorRecords);

    log(`2. naive peer: ${int(options.naiveEvents)} of the same records`);
    const naive = await runNaive(contenders, records);

    log('3. SupportLens: starting the four services');
    const groupPrefix = `bench-${runId}`;
    const pipeline = new Pipeline({
      databaseUrl: database.url,
      brokers: broker.brokers,
      groupPrefix,
      partitions: options.partitions,
      replicationFactor: 1,
      logDir,
      env: { LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '0' },
      profileDir: options.profile ? logDir : undefined,
    });
    cleanup.add('stopping the services', () => pipeline.stop());
    await pipeline.start();
    for (let i = 1; i < options.insightsInstances; i++) await pipeline.add('insights');
    const serviceGroups: ProcessGroups = Object.fromEntries(
      SERVICE_NAMES.map((name) => [name, () => pipeline.of(name).map((instance) => instance.pid)]),
    );
    const usage = new ProcessUsage({ ...serviceGroups, ...common });
    const metricsKey = await benchApiKey(database.url, 'bench metrics', ['metrics:read']);
    // Every service's batch counters (by input topic) and insights' write phases, over each latency run.
    // Per service, its batch counters (by input topic) and insights' write phases, over each latency run.
    const serviceCounters = async (): Promise<Record<string, ServiceCounters>> =>
      Object.fromEntries(
        await Promise.all(
          SERVICE_NAMES.map(async (name) => [
            name,
            addCounters(
              await Promise.all(
                pipeline
                  .of(name)
                  .map(async (instance) => parseServiceCounters(await metricsOf(instance.url, metricsKey))),
              ),
            ),
          ]),
        ),
      );
    const applied = new PipelineApplied(database.pool);
    applied.track(records);

    log(`   publishing ${int(records.length)} records to the raw topics at full speed`);
    const publishStart = Date.now();
    const before = usage.read();
    const sql = options.profile ? new SqlSampler(database.pool, 20, true) : undefined;
    sql?.start();
    if (options.profile) for (const instance of pipeline.all()) instance.startProfile();
    const publishing = publisher.publish(records);
    // Observed at once: if the drain fails first, the publish's failure must not end the process
    // before the cleanup has stopped the services and the broker.
    publishing.catch(() => undefined);
    const drained = await drainBacklog({
      applied,
      events: records,
      readyAt: publishStart,
      readResources: async () => usage.read(),
      pollMs: 100,
      check: () => assertNoDeadLetters(admin),
      settled: async () => (await consumerLag(broker.brokers, groupPrefix)) === 0,
    });
    await publishing;
    const end = drained.end;
    const seconds = (end.at - publishStart) / 1000;
    const sustained: MeasuredRun['perSecond'] = records.length / seconds;
    log(`   ${int(sustained)} events/s`);
    const sqlShares = sql?.stop(15);
    const profiles = options.profile ? await stopProfiles(pipeline) : undefined;

    const latency: PipelineBenchReport['latency'] = [];
    for (const share of options.latencySeconds > 0 ? [0.5, 0.9] : []) {
      const rate = Math.max(1, Math.round(sustained * share));
      log(
        `4. latency at ${share * 100}% of sustained: ${int(rate)} events/s for ${options.latencySeconds} s`,
      );
      const events = load.take(rate * options.latencySeconds).map(rawRecordOf);
      applied.track(events);
      const countersBefore = await serviceCounters();
      const seen = new Map<string, { publishedAt: number; appliedAt: number }>();
      const result = await measureLatency({
        publisher,
        applied,
        events,
        perSecond: rate,
        seconds: options.latencySeconds,
        pollMs: options.pollMs,
        drainTimeoutMs: 120_000,
        onApplied: (id, publishedAt, appliedAt) => seen.set(id, { publishedAt, appliedAt }),
      });
      const countersAfter = await serviceCounters();
      const services = Object.fromEntries(
        Object.entries(countersAfter).map(([name, after]) => [
          name,
          countersBetween(countersBefore[name], after),
        ]),
      );
      const stages = await measureStageDelays(broker.brokers, events, seen);
      latency.push({ shareOfSustained: share, result, stages, services });
    }
    const peakRssMiB = Object.fromEntries(
      SERVICE_NAMES.map((name) => [
        name,
        Math.max(...pipeline.of(name).map((i) => peakRssOf(i.pid))) / 1_048_576,
      ]),
    );

    const http: HttpIngestRun[] = [];
    if (options.httpSeconds > 0) {
      for (const name of SERVICE_NAMES.filter((service) => service !== 'ingest'))
        await Promise.all(pipeline.of(name).map((instance) => instance.terminate()));
      http.push(...(await runHttp(options, pipeline.of('ingest')[0].url, database.url, load)));
    }

    const partial = {
      commit: commitOf(),
      settings: await settingsOf(options, broker, database, groupPrefix),
      floor,
      topologyFloor,
      naive,
      pipeline: {
        events: records.length,
        seconds,
        perSecond: sustained,
        usage: usageBetween(before, end),
        peakRssMiB,
        drain: drained.result,
        cases: records.filter((record) => record.kind === 'case').length,
      },
      latency,
      http,
      profiles,
      sql: sqlShares,
    };
    const report: PipelineBenchReport = { ...partial, targets: judgeTargets(partial) };
    console.log(formatReport(report));
    const file = path.resolve(repoRoot(), options.out);
    writeReport(report, file);
    console.log(
      `\n(written to ${path.relative(process.cwd(), file)}; service logs in ${path.relative(process.cwd(), logDir)})`,
    );
    if (report.targets.some((target) => target.met === false)) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

async function stopProfiles(pipeline: Pipeline): Promise<PipelineBenchReport['profiles']> {
  const profiles: NonNullable<PipelineBenchReport['profiles']> = {};
  for (const instance of pipeline.all()) {
    await instance.stopProfile();
    const file = instance.profileFile!;
    profiles[instance.label] = { ...summariseCpuProfile(file), file: path.relative(process.cwd(), file) };
  }
  return profiles;
}

/** Runs `work` and adds the CPU used meanwhile by every group, and the run's own processes' peak memory. */
async function measured(
  usage: ProcessUsage,
  events: number,
  own: Record<string, () => number>,
  work: () => Promise<ContenderRun>,
): Promise<MeasuredRun> {
  const before = usage.read();
  const run = await work();
  const after = usage.read();
  const peakRssMiB = Object.fromEntries(
    Object.entries(own).map(([name, pid]) => [name, peakRssOf(pid()) / 1_048_576]),
  );
  return { ...run, events, usage: usageBetween(before, after), peakRssMiB };
}

interface ContenderContext {
  options: PipelineBenchOptions;
  broker: BenchBroker;
  database: BenchDatabase;
  publisher: LoadPublisher;
  runId: string;
  logDir: string;
  /** The processes every run counts besides its own (the bench, the broker, Postgres). */
  common: ProcessGroups;
}

async function runTopologyFloor(
  { options, broker, database, publisher, runId, logDir, common }: ContenderContext,
  records: readonly RawRecord[],
): Promise<MeasuredRun> {
  const floor = await TopologyFloor.start({
    brokers: broker.brokers,
    databaseUrl: database.url,
    pool: database.pool,
    groupPrefix: `bench-${runId}`,
    partitions: options.partitions,
    logDir,
  });
  try {
    return await measured(
      new ProcessUsage({ 'hop processes': () => floor.pids, ...common }),
      records.length,
      {},
      () => floor.run(publisher, records),
    );
  } finally {
    await floor.stop();
  }
}

async function runNaive(
  { options, broker, database, publisher, runId, logDir, common }: ContenderContext,
  records: readonly RawRecord[],
): Promise<MeasuredRun> {
  await database.pool.query(NAIVE_RECORDS_DDL);
  const peer = await NaivePeerProcess.start({
    brokers: broker.brokers,
    databaseUrl: database.url,
    groupId: `bench-${runId}.naive`,
    logFile: path.join(logDir, 'naive-peer.log'),
  });
  try {
    const events: PreparedEvent[] = records.slice(0, options.naiveEvents).map((record) => ({
      ...record,
      topic: record.kind === 'case' ? NAIVE_TOPICS.tickets : NAIVE_TOPICS.surveys,
    }));
    return await measured(
      new ProcessUsage({ 'naive peer': () => [peer.pid], ...common }),
      events.length,
      { 'naive peer': () => peer.pid },
      () =>
        timeUntilWritten({
          publisher,
          events,
          count: async () =>
            Number((await database.pool.query(`SELECT count(*) AS n FROM bench_naive.records`)).rows[0].n),
          what: 'the naive peer',
        }),
    );
  } finally {
    await peer.stop();
  }
}

/** Single cases, then batches of 500, each run on records never sent before. */
async function runHttp(
  options: PipelineBenchOptions,
  url: string,
  databaseUrl: string,
  load: SyntheticLoad,
): Promise<HttpIngestRun[]> {
  const apiKey = await benchApiKey(databaseUrl, 'bench', ['ingest:write']);
  const runs: HttpIngestRun[] = [];
  for (const [label, perRequest, connections, count] of [
    // Enough records for about twice the rates measured so far.
    ['one case per request', 1, 32, 1_000 * options.httpSeconds],
    ['500 cases per request', 500, 8, 12_000 * options.httpSeconds],
  ] as const) {
    log(`5. HTTP ingest: ${label}, ${connections} connections, ${options.httpSeconds} s`);
    const cases: RawRecord[] = [];
    while (cases.length < count) {
      const record = rawRecordOf(load.next());
      if (record.kind === 'case') cases.push(record);
    }
    runs.push(
      await runHttpIngest({
        url,
        apiKey,
        label,
        kind: 'case',
        records: cases,
        recordsPerRequest: perRequest,
        connections,
        seconds: options.httpSeconds,
      }),
    );
  }
  return runs;
}

/** Every topic of the run, created up front with the same partitions (ingest and the rest find them made). */
async function createTopics(admin: Admin, partitions: number): Promise<void> {
  const names = [
    Topics.TicketsRaw,
    Topics.SurveysRaw,
    'bench.floor.cases.raw',
    'bench.floor.surveys.raw',
    ...TOPOLOGY_FLOOR_TOPICS,
    NAIVE_TOPICS.tickets,
    NAIVE_TOPICS.surveys,
  ];
  await admin.createTopics({
    waitForLeaders: true,
    topics: names.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
  });
}

/** A record the pipeline dead-letters never reaches insights: stop with the reason instead of stalling. */
async function assertNoDeadLetters(admin: Admin): Promise<void> {
  const topics = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlq'));
  for (const topic of topics) {
    const count = (await admin.fetchTopicOffsets(topic)).reduce(
      (sum, p) => sum + Number(p.high) - Number(p.low),
      0,
    );
    if (count > 0) throw new Error(`${count} record(s) dead-lettered on ${topic}; see the service logs`);
  }
}

async function settingsOf(
  options: PipelineBenchOptions,
  broker: BenchBroker,
  database: BenchDatabase,
  groupPrefix: string,
): Promise<Record<string, string | number>> {
  const pg = await database.settings();
  return {
    partitions: `${options.partitions} on every topic`,
    instances: `1 each of ingest, classifier, survey-scoring; ${options.insightsInstances} of insights`,
    consumers:
      'kafkajs eachBatch, KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY and KAFKA_MAX_BYTES_PER_PARTITION at their defaults ' +
      `(insights: ${new InsightsConfig().KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY} partitions, ${process.env.INSIGHTS_WRITERS ?? new InsightsConfig().INSIGHTS_WRITERS} writers, one transaction per fetch each, ` +
      `${new InsightsConfig().KAFKA_MAX_BYTES_PER_PARTITION / 1_048_576} MiB; the others: ` +
      `ingest ${new IngestConfig().KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY}, classifier ${new ClassifierConfig().KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY}, ` +
      `survey-scoring ${new SurveyScoringConfig().KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY} partitions, a fetch's batches handled as one round, ` +
      `${new BaseServiceConfig().KAFKA_MAX_BYTES_PER_PARTITION / 1_048_576} MiB)`,
    producers: 'idempotent, acks all (-1), no compression, one request in flight; one send per round',
    'topology floor':
      `four processes (one consumer per input topic, its ${options.partitions} partitions at once; ` +
      'the same producer settings but one send per partition batch; the last hop one upsert per batch on up to ' +
      `${options.partitions} connections)`,
    broker: `Apache Kafka (KRaft, one node, deploy/kafka) at ${broker.brokers}, heap ${process.env.KAFKA_HEAP_OPTS ?? '-Xms256m -Xmx512m'}`,
    postgres: `${pg.server_version}: synchronous_commit ${pg.synchronous_commit}, fsync ${pg.fsync}, shared_buffers ${pg.shared_buffers}`,
    load:
      `${int(options.customers)} customers (Zipf 0.9), seed ${options.seed}; naive peer on the first ${int(options.naiveEvents)} records` +
      (options.floorEvents > 0 ? `, floor on the first ${int(options.floorEvents)}` : ''),
    'consumer groups': `${groupPrefix}.*`,
    profiling: options.profile
      ? 'on (--profile): V8 profiler in every service and a 20 ms SQL sampler; figures lower than without'
      : 'off',
    'HTTP ingest':
      options.httpSeconds > 0 ? `${options.httpSeconds} s per run, API rate limit off` : 'skipped',
    node: `${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  };
}

function commitOf(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot(),
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot(),
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(2);
});

/** A service's Prometheus text, read like a scraper with a `metrics:read` key. */
async function metricsOf(url: string, key: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`${url}/metrics answered ${response.status}`);
  return response.text();
}

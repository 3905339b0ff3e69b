import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { LoadPublisher } from '../../shared/load-publisher';
import { repoRoot } from '../../shared/repo-root';
import { ContenderRun } from '../floor';
import { RawRecord } from '../raw-records';
import { stopChild } from '../../shared/stop-child';
import { timeUntilWritten } from '../time-until-written';
import { floorTableDdl } from '../upsert-batch';
import { HopMessage, HopSettings, hopSettingsToEnv, TOPOLOGY_FLOOR_TABLE } from './hop-settings';

const topic = (kind: 'cases' | 'surveys', stage: 'raw' | 'mid' | 'out') => `bench.topology.${kind}.${stage}`;

/**
 * The pipeline's shape with none of its work: four processes where the services run, each forwarding
 * what it consumes, three hops through the broker, and at the end one upsert per batch. Ingest's hop
 * takes both raw topics, the classifier's the cases and survey-scoring's the responses, insights'
 * writes both. What separates SupportLens from this is its logic; what separates this from the floor
 * is the hops the design asks for (each service its own process, Kafka between them).
 */
const HOPS: ReadonlyArray<{ name: string; routes: Record<string, string>; writes?: true }> = [
  {
    name: 'ingest',
    routes: {
      [topic('cases', 'raw')]: topic('cases', 'mid'),
      [topic('surveys', 'raw')]: topic('surveys', 'mid'),
    },
  },
  { name: 'classifier', routes: { [topic('cases', 'mid')]: topic('cases', 'out') } },
  { name: 'survey-scoring', routes: { [topic('surveys', 'mid')]: topic('surveys', 'out') } },
  { name: 'insights', routes: { [topic('cases', 'out')]: '', [topic('surveys', 'out')]: '' }, writes: true },
];

export const TOPOLOGY_FLOOR_TOPICS: readonly string[] = (['cases', 'surveys'] as const).flatMap((kind) =>
  (['raw', 'mid', 'out'] as const).map((stage) => topic(kind, stage)),
);

/** The topology floor's four processes, started and joined; `run` times records through them. */
export class TopologyFloor {
  private constructor(
    private readonly pool: Pool,
    private readonly children: Array<{ name: string; child: ChildProcess }>,
  ) {}

  get pids(): number[] {
    return this.children.map(({ child }) => child.pid!);
  }

  /** Starts every hop (topics made already, see TOPOLOGY_FLOOR_TOPICS) and waits until each has joined its group. */
  static async start(args: {
    brokers: string;
    databaseUrl: string;
    pool: Pool;
    groupPrefix: string;
    partitions: number;
    logDir: string;
  }): Promise<TopologyFloor> {
    await args.pool.query(`CREATE SCHEMA IF NOT EXISTS bench_topology`);
    await args.pool.query(floorTableDdl(TOPOLOGY_FLOOR_TABLE));
    const main = path.join(repoRoot(), 'dist', 'scripts', 'bench', 'pipeline', 'topology-floor', 'hop.js');
    if (!existsSync(main)) throw new Error(`${main} not found: run \`npm run build\` first`);
    const children: Array<{ name: string; child: ChildProcess }> = [];
    const floor = new TopologyFloor(args.pool, children);
    try {
      await Promise.all(
        HOPS.map(async (hop) => {
          const settings: HopSettings = {
            brokers: args.brokers.split(','),
            groupPrefix: `${args.groupPrefix}.topology.${hop.name}`,
            routes: hop.routes,
            databaseUrl: hop.writes ? args.databaseUrl : undefined,
            concurrency: args.partitions,
          };
          const child = spawn(process.execPath, [main], {
            cwd: repoRoot(),
            env: {
              ...process.env,
              ...hopSettingsToEnv(settings),
              NODE_ENV: 'production',
              KAFKAJS_NO_PARTITIONER_WARNING: '1',
            },
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          });
          children.push({ name: hop.name, child });
          const log = createWriteStream(path.join(args.logDir, `topology-floor-${hop.name}.log`), {
            flags: 'a',
          });
          child.stdout!.pipe(log);
          child.stderr!.pipe(log);
          await joined(child, hop.name);
        }),
      );
    } catch (error) {
      await floor.stop();
      throw error;
    }
    return floor;
  }

  /** Publishes the records to the raw topics; timed from the first publish to the last row committed. */
  async run(publisher: LoadPublisher, records: readonly RawRecord[]): Promise<ContenderRun> {
    return timeUntilWritten({
      publisher,
      events: records.map((record) => ({
        ...record,
        topic: topic(record.kind === 'case' ? 'cases' : 'surveys', 'raw'),
      })),
      count: async () =>
        Number(
          (await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${TOPOLOGY_FLOOR_TABLE}`)).rows[0]
            .n,
        ),
      what: 'the topology floor',
      failures: this.children.map(exitedDuringRun),
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map(({ child }) => stopChild(child, 20_000)));
    await this.pool.query(`DROP SCHEMA IF EXISTS bench_topology CASCADE`);
  }
}

async function joined(child: ChildProcess, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the topology floor's ${name} hop did not join its group within 60 s`)),
      60_000,
    );
    child.on('message', (message: HopMessage) => {
      if (!message.joined) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the topology floor's ${name} hop exited (${code}) during start; see its log`));
    });
  });
}

/** Rejects, naming the hop, if it exits before the run is over (never resolves). */
function exitedDuringRun({ name, child }: { name: string; child: ChildProcess }): Promise<never> {
  return new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(
        new Error(`the topology floor's ${name} hop exited (${code ?? signal}) during the run; see its log`),
      ),
    ),
  );
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from './repo-root';

export interface BenchBroker {
  brokers: string;
  kind: 'dedicated' | 'shared';
  /** The broker JVM, when the bench started it (its CPU time is reported). */
  pid?: number;
  /** Stops a dedicated broker and deletes its data (unless kept); leaves a shared one alone. */
  close(keepData: boolean): Promise<void>;
}

const DEDICATED_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19092);

/**
 * The broker the bench runs against.
 *
 * `dedicated` (the default): a throwaway single-node Apache Kafka from `deploy/kafka/kafka.sh` on its
 * own port and data folder, deleted afterwards. The input topics are shared names, and the test
 * suites' consumer groups read them from the beginning: a benchmark's hundreds of thousands of
 * events left on the developer's broker would be replayed by every later test run (and slow it down
 * for the 48 h of retention). A broker of its own also keeps other people's traffic out of the figures.
 *
 * `shared`: the broker at KAFKA_BROKERS (default 127.0.0.1:9092), e.g. a real cluster. The events the
 * bench publishes stay on its input topics.
 */
export async function openBroker(kind: 'dedicated' | 'shared'): Promise<BenchBroker> {
  if (kind === 'shared') {
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    await assertAnswers(brokers);
    return { brokers, kind, close: async () => undefined };
  }
  const env = {
    ...process.env,
    KAFKA_PORT: String(DEDICATED_PORT),
    KAFKA_CONTROLLER_PORT: String(DEDICATED_PORT + 1),
    KAFKA_BROKERS: `127.0.0.1:${DEDICATED_PORT}`,
    KAFKA_DATA_DIR: path.join(repoRoot(), '.kafka-data', 'bench'),
    // A replay-sized run's raw topics hold more than the dev broker's 128 MiB per partition; this
    // broker's data is deleted after the run anyway.
    KAFKA_LOG_RETENTION_BYTES: '-1',
  };
  // A broker left by an interrupted run is stopped and its data deleted first: every run starts empty.
  await kafkaScript('reset', env);
  await kafkaScript('start', env);
  const brokers = `127.0.0.1:${DEDICATED_PORT}`;
  await assertAnswers(brokers);
  const pid = Number(readFileSync(path.join(env.KAFKA_DATA_DIR, 'kafka.pid'), 'utf8').trim());
  return {
    brokers,
    kind,
    pid,
    close: (keepData) => kafkaScript(keepData ? 'stop' : 'reset', env),
  };
}

async function assertAnswers(brokers: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'bench-probe',
    brokers: brokers.split(','),
    connectionTimeout: 2000,
    retry: { retries: 3 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(`no Kafka broker answers at ${brokers}: ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function kafkaScript(command: 'start' | 'stop' | 'reset', env: NodeJS.ProcessEnv): Promise<void> {
  const root = repoRoot();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(root, 'deploy/kafka/kafka.sh'), command], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`kafka.sh ${command} failed (exit ${code}):\n${output}`)),
    );
  });
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
/** Same Kafka line as deploy/kafka/pom.xml (3.9.x), for machines that have a Docker engine. */
export const KAFKA_DOCKER_IMAGE = 'apache/kafka:3.9.1';

export interface KafkaBroker {
  /** Comma-separated bootstrap servers. */
  brokers: string;
  /** True when this call started the broker; only then does stop() stop anything. */
  startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * A Kafka broker for integration/e2e tests, in this order of preference:
 * 1. one that already answers at KAFKA_BROKERS (dev broker from `npm start`, CI service) - reused;
 * 2. a throwaway container when a Docker engine is reachable - isolated, nothing left on disk;
 * 3. the project's own broker from deploy/kafka/kafka.sh (jars from Maven Central) - works
 *    without Docker, which is the case on the dev boxes and CI runners of this project.
 */
export async function ensureKafkaBroker(): Promise<KafkaBroker> {
  const configured = process.env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS;
  if (await kafkaAnswers(configured)) {
    return { brokers: configured, startedHere: false, stop: async () => undefined };
  }
  if (await dockerAvailable()) {
    try {
      return await startKafkaContainer();
    } catch (error) {
      // e.g. a Docker engine without registry access: the script needs no image.
      console.warn(`Kafka container failed to start, using deploy/kafka/kafka.sh instead: ${String(error)}`);
    }
  }
  return startWithKafkaScript();
}

/** One quick metadata round trip: no retries, so a missing broker costs about a second. */
export async function kafkaAnswers(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'supportlens-kafka-probe',
    brokers: brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function dockerAvailable(): Promise<boolean> {
  try {
    // Loaded lazily: testcontainers is heavy and irrelevant when a broker is already running.
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient(); // throws when no Docker/Podman engine is reachable
    return true;
  } catch {
    return false;
  }
}

/**
 * apache/kafka in KRaft mode on a generic container. @testcontainers/kafka's KafkaContainer (11.x)
 * only drives Confluent images (it runs /etc/confluent/docker/run), so it cannot start apache/kafka.
 * The client listener is published on a host port chosen up front so it can be advertised as-is;
 * brokers talk to themselves over an internal BROKER listener.
 */
async function startKafkaContainer(): Promise<KafkaBroker> {
  const { GenericContainer, RandomPortGenerator, Wait, getContainerRuntimeClient } =
    await import('testcontainers');
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const hostPort = await new RandomPortGenerator().generatePort();
  const container = await new GenericContainer(KAFKA_DOCKER_IMAGE)
    .withExposedPorts({ container: 9092, host: hostPort })
    .withEnvironment({
      CLUSTER_ID: 'c3VwcG9ydGxlbnMtdGVzdA',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,BROKER://0.0.0.0:9094',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${hostPort},BROKER://localhost:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,BROKER:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      // Same behaviour as deploy/kafka/server.properties.template.
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m',
    })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .withStartupTimeout(120_000)
    .start();
  return {
    brokers: `${host}:${hostPort}`,
    startedHere: true,
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * deploy/kafka/kafka.sh starts a broker on 127.0.0.1:$KAFKA_PORT (jars resolved on first use). A
 * broker the tests start keeps its data apart from the developer's and starts empty, so a run never
 * replays an earlier run's events (nor leaves its own for `npm start` to find).
 */
async function startWithKafkaScript(): Promise<KafkaBroker> {
  const env = { ...process.env, KAFKA_DATA_DIR: path.join(findRepoRoot(), '.kafka-data', 'test-run') };
  await runKafkaScript('reset', env);
  await runKafkaScript('start', env);
  return {
    brokers: `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`,
    startedHere: true,
    stop: () => runKafkaScript('reset', env),
  };
}

function runKafkaScript(command: 'start' | 'reset', env: NodeJS.ProcessEnv): Promise<void> {
  const repoRoot = findRepoRoot();
  return new Promise((resolve, reject) => {
    // The script's own output goes to stderr: progress and, on failure, the broker's last log lines.
    const child = spawn('bash', [path.join(repoRoot, 'deploy/kafka/kafka.sh'), command], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 2, 2],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`deploy/kafka/kafka.sh ${command} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Walks up from this file (src or compiled) to the folder that holds deploy/kafka/kafka.sh. */
function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'deploy', 'kafka', 'kafka.sh'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`deploy/kafka/kafka.sh not found above ${__dirname}`);
  }
}

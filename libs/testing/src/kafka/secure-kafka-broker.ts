import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateTestCertificates } from './test-certificates';

export interface ScramUser {
  username: string;
  password: string;
}

export interface SecureKafkaBrokerOptions {
  /** SASL_SSL client port; a free one when absent (so parallel runs and the dev broker never clash). */
  port?: number;
  controllerPort?: number;
  /** PLAINTEXT inter-broker listener on 127.0.0.1. */
  internalPort?: number;
  /** Default: one user with a random password. */
  users?: ScramUser[];
}

export interface SecureKafkaBroker {
  /** 127.0.0.1:<port>, SASL_SSL only. */
  brokers: string;
  /** PEM CA that signed the broker certificate (valid for 127.0.0.1 and localhost). */
  caFile: string;
  /** SCRAM users, each with credentials for SCRAM-SHA-512 and SCRAM-SHA-256. */
  users: ScramUser[];
  /** Stops the broker and deletes its data, certificates and keys. */
  stop(): Promise<void>;
}

/** Script settings kept from the caller's environment (JVM sizing, Maven); every other KAFKA_* is ours. */
const INHERITED_KAFKA_SETTINGS = new Set([
  'KAFKA_HEAP_OPTS',
  'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_MVN_ARGS',
  'KAFKA_START_TIMEOUT',
  'KAFKA_STOP_TIMEOUT',
]);

/**
 * A throwaway broker whose client listener is SASL_SSL only (SCRAM-SHA-512 and -256), started by
 * deploy/kafka/kafka.sh beside any other broker: own ports, and certificates, keystore and data in
 * a temp dir that stop() removes.
 */
export async function startSecureKafkaBroker(
  options: SecureKafkaBrokerOptions = {},
): Promise<SecureKafkaBroker> {
  const dir = await mkdtemp(path.join(tmpdir(), 'supportlens-kafka-sasl-'));
  const port = options.port ?? (await freePort());
  const users = options.users ?? [
    { username: 'supportlens-test', password: randomBytes(16).toString('hex') },
  ];
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('KAFKA_') || INHERITED_KAFKA_SETTINGS.has(name),
    ),
  );
  const stop = async (): Promise<void> => {
    try {
      if (env.KAFKA_DATA_DIR) await runKafkaScript('reset', env);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  try {
    const certificates = await generateTestCertificates(path.join(dir, 'tls'));
    Object.assign(env, {
      KAFKA_LISTENER_MODE: 'sasl_ssl',
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(options.controllerPort ?? (await freePort())),
      KAFKA_INTERNAL_PORT: String(options.internalPort ?? (await freePort())),
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      KAFKA_DATA_DIR: path.join(dir, 'kafka'),
      KAFKA_SSL_KEYSTORE: certificates.brokerKeystore,
      KAFKA_SSL_KEYSTORE_PASSWORD: certificates.brokerKeystorePassword,
      KAFKA_SCRAM_USERS: users.map((user) => `${user.username}:${user.password}`).join(','),
    });
    await runKafkaScript('start', env);
    return { brokers: `127.0.0.1:${port}`, caFile: certificates.caFile, users, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs the script quietly; its output (progress, the broker's last log lines) only on failure. */
function runKafkaScript(command: 'start' | 'reset', env: NodeJS.ProcessEnv): Promise<void> {
  const repoRoot = findRepoRoot();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'deploy/kafka/kafka.sh'), command], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`deploy/kafka/kafka.sh ${command} failed (${signal ?? `exit code ${code}`}):\n${output}`),
        );
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

import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../bench/shared/repo-root';
import { freePort } from './free-port';
import { runCommand } from './run-command';

interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * The fault suite's own Apache Kafka (one node, or three with replication factor 3 and
 * min.insync.replicas 2), run by `deploy/kafka/kafka.sh` from the Maven Central jars on free ports
 * and its own data folders, so scenarios can stop and kill brokers freely.
 */
export class PrivateKafka {
  private constructor(
    private readonly nodes: KafkaNode[],
    private readonly clusterId: string,
  ) {}

  get brokers(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  get size(): number {
    return this.nodes.length;
  }

  static async start(size: 1 | 3, runId: string): Promise<PrivateKafka> {
    const nodes: KafkaNode[] = [];
    for (let id = 1; id <= size; id++) {
      nodes.push({
        id,
        port: await freePort(),
        controllerPort: await freePort(),
        dataDir: path.join(repoRoot(), '.kafka-data', `faults-${runId}`, `node-${id}`),
      });
    }
    // A KRaft cluster id is 16 bytes, base64url; every node is formatted with the same one.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    const cluster = new PrivateKafka(nodes, clusterId);
    await Promise.all(nodes.map((node) => cluster.script(node, 'start')));
    return cluster;
  }

  /** A graceful stop (the broker hands its partitions over). */
  stopNode(index: number): Promise<void> {
    return this.script(this.nodes[index], 'stop');
  }

  startNode(index: number): Promise<void> {
    return this.script(this.nodes[index], 'start');
  }

  /** `kill -9` of the broker JVM: no handover, no flush. */
  killNode(index: number): void {
    const pid = Number(readFileSync(path.join(this.nodes[index].dataDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
  }

  /** Which node (index) a broker id is. */
  indexOfBroker(brokerId: number): number {
    return this.nodes.findIndex((node) => node.id === brokerId);
  }

  async destroy(): Promise<void> {
    for (const node of this.nodes) await this.script(node, 'reset').catch(() => undefined);
    rmSync(path.dirname(this.nodes[0].dataDir), { recursive: true, force: true });
  }

  private async script(node: KafkaNode, command: 'start' | 'stop' | 'reset'): Promise<void> {
    const voters = this.nodes.map((each) => `${each.id}@127.0.0.1:${each.controllerPort}`).join(',');
    const replication = String(this.nodes.length === 1 ? 1 : 3);
    await runCommand('bash', [path.join(repoRoot(), 'deploy', 'kafka', 'kafka.sh'), command], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        KAFKA_NODE_ID: String(node.id),
        KAFKA_PORT: String(node.port),
        KAFKA_CONTROLLER_PORT: String(node.controllerPort),
        KAFKA_BROKERS: `127.0.0.1:${node.port}`,
        KAFKA_DATA_DIR: node.dataDir,
        KAFKA_QUORUM_VOTERS: voters,
        KAFKA_CLUSTER_ID: this.clusterId,
        KAFKA_REPLICATION_FACTOR: replication,
        KAFKA_MIN_ISR: this.nodes.length === 1 ? '1' : '2',
        KAFKA_HEAP_OPTS: this.nodes.length === 1 ? '-Xms256m -Xmx512m' : '-Xms128m -Xmx384m',
      },
    });
  }
}

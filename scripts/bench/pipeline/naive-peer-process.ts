import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '../shared/repo-root';
import { stopChild } from '../shared/stop-child';
import { sleep } from '../shared/throughput-phase';

/** The naive peer (naive-peer/main.ts) in a process of its own, as the services run. */
export class NaivePeerProcess {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts it and waits until its consumer group is stable (joined, partitions assigned). */
  static async start(args: {
    brokers: string;
    databaseUrl: string;
    groupId: string;
    logFile: string;
  }): Promise<NaivePeerProcess> {
    const main = path.join(repoRoot(), 'dist', 'scripts', 'bench', 'pipeline', 'naive-peer', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} not found: run \`npm run build\` first`);
    const log = createWriteStream(args.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [main], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        KAFKA_BROKERS: args.brokers,
        DATABASE_URL: args.databaseUrl,
        NAIVE_GROUP_ID: args.groupId,
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const peer = new NaivePeerProcess(child);
    try {
      await peer.waitStable(args.brokers, args.groupId);
    } catch (error) {
      await peer.stop();
      throw error;
    }
    return peer;
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 20_000);
  }

  /** Nest's transport adds `-server` to the group id it is given: any group starting with it counts. */
  private async waitStable(brokers: string, groupId: string): Promise<void> {
    const admin = new Kafka({
      clientId: 'bench-naive-probe',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        if (this.child.exitCode !== null) throw new Error('the naive peer exited during start; see its log');
        const { groups } = await admin.listGroups();
        const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(groupId));
        if (ours.length > 0) {
          const described = await admin.describeGroups(ours);
          if (described.groups.some((group) => group.state === 'Stable' && group.members.length > 0)) return;
        }
        await sleep(200);
      }
      throw new Error('the naive peer did not join its consumer group within 120 s');
    } finally {
      await admin.disconnect();
    }
  }
}

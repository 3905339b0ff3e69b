import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../bench/shared/repo-root';
import { freePort } from './free-port';

export type ServiceName = 'ingest' | 'classifier' | 'survey-scoring' | 'insights';
export const SERVICE_NAMES: readonly ServiceName[] = ['ingest', 'classifier', 'survey-scoring', 'insights'];

/**
 * One instance of a service as production runs it: its own Node process from the compiled
 * `dist/services/<name>/src/main.js`, so that it can be killed with `kill -9` or stopped with SIGTERM
 * like any process, and started again.
 */
export class ServiceProcess {
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: ServiceName,
    readonly label: string,
    private readonly child: ChildProcess,
    readonly url: string,
    /** Where {@link stopProfile} writes the CPU profile; absent when started without one. */
    readonly profileFile?: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * `profileTo`: loads the bench's CPU profiler hook (bench/insights/cpu-profiler-hook.ts), driven over
   * an IPC channel by {@link startProfile} and {@link stopProfile}, which writes the profile there.
   */
  static async start(
    name: ServiceName,
    label: string,
    env: Record<string, string>,
    logFile: string,
    profileTo?: string,
  ): Promise<ServiceProcess> {
    const main = path.join(repoRoot(), 'dist', 'services', name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} not found: run \`npm run build\` first`);
    const port = await freePort();
    const log = createWriteStream(logFile, { flags: 'a' });
    const hook = path.join(repoRoot(), 'dist', 'scripts', 'bench', 'insights', 'cpu-profiler-hook.js');
    const child = spawn(process.execPath, profileTo ? ['--require', hook, main] : [main], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        ...(profileTo ? { BENCH_CPU_PROFILE: profileTo } : {}),
      },
      stdio: profileTo ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const service = new ServiceProcess(name, label, child, `http://127.0.0.1:${port}`, profileTo);
    try {
      await service.waitReady(120_000);
    } catch (error) {
      // Never left running unowned: the caller only keeps instances that started.
      await service.kill();
      throw error;
    }
    return service;
  }

  /** Until /health/ready answers 200: Postgres and Kafka reachable, consumers started. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.label} exited during start; see its log`);
      if (await this.ready()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.label} was not ready within ${timeoutMs} ms; see its log`);
  }

  async ready(): Promise<boolean> {
    return fetch(`${this.url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
  }

  /** Starts the CPU profiler (started with `profileTo` only). */
  startProfile(): void {
    this.child.send('profile:start');
  }

  /** Stops it and waits until the profile is written. */
  stopProfile(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label}: the CPU profile was not written in time`)),
        timeoutMs,
      );
      this.child.once('message', (answer) => {
        clearTimeout(timer);
        if (answer === 'profile:written') resolve();
        else reject(new Error(`${this.label}: ${String(answer)}`));
      });
      this.child.send('profile:stop');
    });
  }

  /** `kill -9`: no drain, no commit, no goodbye. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /**
   * SIGTERM: the service drains its batches and exits by itself (Nest re-raises the signal once it has
   * closed, so a clean exit reads as "killed by SIGTERM"); SIGKILL after `graceMs`.
   */
  async terminate(graceMs = 40_000): Promise<{ code: number | null; graceful: boolean; tookMs: number }> {
    const started = Date.now();
    if (!this.running) return { code: this.child.exitCode, graceful: true, tookMs: 0 };
    this.child.kill('SIGTERM');
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    try {
      const { code, signal } = await this.exited;
      return {
        code,
        graceful: !forced && (code === 0 || signal === 'SIGTERM'),
        tookMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

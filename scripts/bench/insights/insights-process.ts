import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../../faults/stack/free-port';
import { benchApiKey } from '../shared/bench-api-key';
import { repoRoot } from '../shared/repo-root';

export interface InsightsProcessSettings {
  env: Record<string, string>;
  /** Where the service's own log lines go. */
  logFile: string;
  /** Loads the profiler hook (see cpu-profiler-hook.ts), driven over an IPC channel. */
  profileTo?: string;
}

/**
 * The insights service as it runs in production: its own Node process from the compiled
 * `dist/services/insights/src/main.js`, so its CPU time and memory are its own and the bench's
 * publishing and polling do not share its event loop.
 */
export class InsightsProcess {
  private exited: Promise<number | null>;
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** A key with `metrics:read` in the service's database: /metrics needs one. */
    private readonly metricsKey: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping)
          console.error(`[bench] insights process ${child.pid} exited (code ${code}, signal ${signal})`);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(settings: InsightsProcessSettings): Promise<InsightsProcess> {
    const main = path.join(repoRoot(), 'dist', 'services', 'insights', 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} not found: run \`npm run build\` first`);
    const port = await freePort();
    const nodeArgs = settings.profileTo ? ['--require', path.join(__dirname, 'cpu-profiler-hook.js')] : [];
    const log = createWriteStream(settings.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [...nodeArgs, main], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        ...settings.env,
        PORT: String(port),
        ...(settings.profileTo ? { BENCH_CPU_PROFILE: settings.profileTo } : {}),
      },
      stdio: settings.profileTo ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const service = new InsightsProcess(
      child,
      `http://127.0.0.1:${port}`,
      await benchApiKey(databaseUrlOf(settings.env), 'bench metrics', ['metrics:read']),
    );
    await service.waitReady(120_000);
    return service;
  }

  /** Until /health/ready answers 200: the database and Kafka are reachable and the consumers started. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined)
        throw new Error(`insights exited during start (code ${exitCode}); see its log`);
      const ready = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`insights was not ready within ${timeoutMs} ms; see its log`);
  }

  /** The service's Prometheus text (batch sizes and durations, dead letters). */
  async metrics(): Promise<string> {
    return fetch(`${this.url}/metrics`, { headers: { authorization: `Bearer ${this.metricsKey}` } }).then(
      (r) => r.text(),
    );
  }

  /** Starts the CPU profiler (only with `profileTo`). */
  startProfile(): void {
    this.child.send('profile:start');
  }

  /** Stops it and waits until the profile is written. */
  stopProfile(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the CPU profile was not written in time')), timeoutMs);
      this.child.once('message', (answer) => {
        clearTimeout(timer);
        if (answer === 'profile:written') resolve();
        else reject(new Error(String(answer)));
      });
      this.child.send('profile:stop');
    });
  }

  /** Graceful stop (SIGTERM: finish the batch in hand, commit, disconnect); SIGKILL after 30 s. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.stopping = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

function databaseUrlOf(env: Record<string, string>): string {
  if (!env.DATABASE_URL) throw new Error('the bench starts insights with DATABASE_URL');
  return env.DATABASE_URL;
}

import { Injectable } from '@nestjs/common';
import { CheckResult, ReadinessReport } from './readiness-report';

/** A readiness check resolves when its dependency is usable and throws when it is not. */
export type ReadinessCheck = () => Promise<void>;

/** A check that has not answered by then counts as down, so one stuck dependency cannot hang the probe. */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

/**
 * Named readiness checks registered by other libraries at init (messaging: "kafka",
 * persistence: "postgres"). GET /health/ready runs them all.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) {
      throw new Error(`Readiness check "${name}" is already registered`);
    }
    this.checks.set(name, check);
  }

  /** From now on the service reports not ready, so load balancers stop sending it traffic. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  get checkNames(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs every check in parallel, each bounded by `timeoutMs`. */
  async check(timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      return { status: 'shutting_down', checks: {} };
    }
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries);
    // Shutdown may have begun while the checks ran.
    if (this.shuttingDown) return { status: 'shutting_down', checks };
    const allUp = entries.every(([, result]) => result.status === 'up');
    return { status: allUp ? 'ok' : 'unavailable', checks };
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Promise.resolve().then() also turns a check that throws synchronously into a rejection.
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

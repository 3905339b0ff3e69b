import { Injectable, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { BaseServiceConfig } from '../config/base-service.config';
import { ReadinessRegistry } from '../health/readiness-registry';

/**
 * Starts a graceful shutdown: readiness goes to 503 first, so load balancers stop sending
 * traffic while consumers drain, and a hard timeout ends a shutdown that hangs.
 *
 * Why onModuleDestroy and not beforeApplicationShutdown: Nest runs every module's
 * onModuleDestroy before any beforeApplicationShutdown, and it runs a global module's
 * shutdown hooks after all others. PlatformModule is global, so in beforeApplicationShutdown
 * readiness would flip only after the consumers had already stopped.
 */
@Injectable()
export class ShutdownCoordinator implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ShutdownCoordinator.name);
  private hardTimeout?: NodeJS.Timeout;

  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly config: BaseServiceConfig,
  ) {}

  onModuleDestroy(): void {
    this.readiness.markShuttingDown();
    const timeoutMs = this.config.SHUTDOWN_TIMEOUT_MS;
    this.logger.log(`Shutting down: readiness now reports 503; giving up after ${timeoutMs} ms`);
    this.hardTimeout = setTimeout(() => this.abandonShutdown(timeoutMs), timeoutMs);
    // The timer must never be what keeps the process alive.
    this.hardTimeout.unref();
  }

  /**
   * PlatformModule's hooks run last (see above), so by now the other modules have closed too.
   * Clearing matters when the app is closed in-process (tests) and the process lives on.
   */
  onApplicationShutdown(): void {
    clearTimeout(this.hardTimeout);
    this.hardTimeout = undefined;
  }

  private abandonShutdown(timeoutMs: number): void {
    this.logger.error(
      `Shutdown did not finish within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting with code 1`,
    );
    process.exit(1);
  }
}

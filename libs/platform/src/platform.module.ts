import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ShutdownCoordinator } from './bootstrap/shutdown-coordinator';
import { BaseServiceConfig } from './config/base-service.config';
import { ServiceConfigModule } from './config/service-config.module';
import { HealthModule } from './health/health.module';
import { buildLoggerParams } from './logging/build-logger-params';
import { MetricsModule } from './metrics/metrics.module';
import { PlatformModuleOptions } from './platform-module-options';
import { SERVICE_NAME } from './service-name.token';

/**
 * What every service imports first: config, JSON logging, /health, /metrics, shutdown.
 *
 *   @Module({ imports: [PlatformModule.forRoot({ serviceName: 'ingest', config: IngestConfig }), ...] })
 *
 * Global, so its exports (the config under the service's class and BaseServiceConfig,
 * SERVICE_NAME, MetricsService, ReadinessRegistry) can be injected anywhere.
 *
 * Shutdown order (SIGTERM/SIGINT or app.close()), as Nest runs the hooks:
 *   1. onModuleDestroy, all modules: ShutdownCoordinator flips /health/ready to 503 and arms
 *      the SHUTDOWN_TIMEOUT_MS hard timeout (the first hook Nest runs, see the coordinator).
 *   2. beforeApplicationShutdown, all modules: messaging consumers stop and finish their batch.
 *   3. the HTTP server stops accepting connections.
 *   4. onApplicationShutdown, all modules: the database closes; this global module's hook runs
 *      after those of non-global modules and clears the hard timeout. Import PlatformModule
 *      before other global modules so its hooks are the last ones.
 */
@Module({})
export class PlatformModule {
  static forRoot<C extends BaseServiceConfig>(options: PlatformModuleOptions<C>): DynamicModule {
    const configModule = ServiceConfigModule.forRoot(options);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        configModule,
        LoggerModule.forRootAsync({
          imports: [configModule],
          inject: [SERVICE_NAME, BaseServiceConfig],
          useFactory: buildLoggerParams,
        }),
        HealthModule,
        MetricsModule,
      ],
      providers: [ShutdownCoordinator],
      exports: [configModule, HealthModule, MetricsModule],
    };
  }
}

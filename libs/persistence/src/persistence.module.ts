import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { BaseServiceConfig } from '@supportlens/platform';
import { createServiceDataSourceOptions } from './data-source/create-data-source';
import { isTransientDatabaseError } from './errors/is-transient-db-error';
import { PendingMigrationsCheck } from './pending-migrations.check';
import { PERSISTENCE_MODULE_OPTIONS, PersistenceModuleOptions } from './persistence-module-options';
import { PoolClientErrorGuard } from './pool-client-error.guard';
import { PostgresReadinessCheck } from './postgres-readiness.check';

const DEFAULT_CONNECT_RETRY = { attempts: 10, delayMs: 3000 };

/**
 * Postgres for a service: one TypeORM DataSource on DATABASE_URL scoped to the service's schema
 * (inject `DataSource`/`EntityManager` anywhere; use TypeOrmModule.forFeature for repositories),
 * a `postgres` readiness check, and a start-up refusal when migrations are pending.
 *
 * Shutdown: TypeORM's core module destroys the DataSource in onApplicationShutdown, which Nest calls
 * after every beforeApplicationShutdown hook, i.e. after the Kafka consumers have drained.
 * Expects BaseServiceConfig and ReadinessRegistry to be global providers (PlatformModule).
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    const retry = options.connectRetry ?? DEFAULT_CONNECT_RETRY;
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [BaseServiceConfig],
          useFactory: (config: BaseServiceConfig): TypeOrmModuleOptions => ({
            ...createServiceDataSourceOptions({
              url: config.DATABASE_URL,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              applicationName: options.applicationName ?? `supportlens-${options.schema}`,
            }),
            autoLoadEntities: false,
            retryAttempts: retry.attempts,
            retryDelay: retry.delayMs,
            // Waiting only helps while Postgres is unreachable; a wrong password or database fails at once.
            toRetry: isTransientDatabaseError,
          }),
        }),
      ],
      providers: [
        { provide: PERSISTENCE_MODULE_OPTIONS, useValue: options },
        PendingMigrationsCheck,
        PoolClientErrorGuard,
        PostgresReadinessCheck,
      ],
    };
  }
}

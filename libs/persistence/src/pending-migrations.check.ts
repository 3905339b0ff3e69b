import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertNoPendingMigrations } from './migrations/pending-migrations';
import { PERSISTENCE_MODULE_OPTIONS, PersistenceModuleOptions } from './persistence-module-options';

/**
 * Fails the start (PendingMigrationsError) when the schema lags behind the code. Runs in onModuleInit,
 * i.e. before any consumer starts (they start in onApplicationBootstrap). It never migrates: that is
 * an ops step (`npm run migrate`), so several replicas never race to change the schema.
 */
@Injectable()
export class PendingMigrationsCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PERSISTENCE_MODULE_OPTIONS) private readonly options: PersistenceModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await assertNoPendingMigrations(this.dataSource, this.options.schema);
    } catch (err) {
      // After a failed init Nest's app.close() rethrows the error without running shutdown hooks,
      // so the pool would stay open and keep the failed process alive.
      await this.dataSource.destroy().catch(() => undefined);
      throw err;
    }
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PendingMigrationsError } from '@supportlens/persistence';
import { DataSource } from 'typeorm';
import { accessMigrations } from './index';

/**
 * Every service keeps its keys in the shared `access` schema; a service refuses to start while that
 * schema lags behind the code (`npm run migrate` applies it with the services' own schemas).
 */
@Injectable()
export class AccessMigrationsCheck implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [{ exists }]: { exists: boolean }[] = await this.dataSource.query(
      `SELECT to_regclass('access.migrations') IS NOT NULL AS exists`,
    );
    const applied = new Set<string>();
    if (exists) {
      const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM access.migrations`);
      for (const row of rows) applied.add(row.name);
    }
    const pending = accessMigrations.map((migration) => migration.name).filter((name) => !applied.has(name));
    if (pending.length > 0) throw new PendingMigrationsError('access', pending);
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@supportlens/platform';
import { DataSource } from 'typeorm';

export const POSTGRES_READINESS_CHECK = 'postgres';

/** Ready means a pooled connection answers a query now, not merely that we connected at start. */
@Injectable()
export class PostgresReadinessCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register(POSTGRES_READINESS_CHECK, async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { guardPoolClientErrors } from './data-source/guard-pool-client-errors';

/** Keeps a database restart from killing the service: see guardPoolClientErrors. */
@Injectable()
export class PoolClientErrorGuard implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardPoolClientErrors(this.dataSource, new Logger('Postgres'));
  }
}

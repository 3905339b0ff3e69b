import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ACCESS_OPTIONS, AccessOptions } from '../access-options';
import { TooManyRequestsProblemException } from '../guard/access-problems';

/**
 * Requests per API key per minute, counted in Postgres (`access.request_rates`) so that every
 * instance of every service draws on one budget per key. rate-limiter-flexible does the counting
 * (one upsert per request, expired rows swept every 5 minutes); while Postgres cannot answer, an
 * in-memory limiter with the same budget per instance decides instead of failing the request.
 */
@Injectable()
export class RequestRateLimiter {
  private readonly limiter: RateLimiterPostgres | undefined;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
  ) {
    const points = options.requestsPerMinute;
    this.limiter =
      points > 0
        ? new RateLimiterPostgres({
            storeClient: dataSource,
            storeType: 'typeorm',
            schemaName: 'access',
            tableName: 'request_rates',
            tableCreated: true,
            keyPrefix: 'key',
            points,
            duration: 60,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'key', points, duration: 60 }),
          })
        : undefined;
  }

  /** Counts one request of the key; throws a 429 problem when the key is over its budget. */
  async consume(keyId: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(keyId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new TooManyRequestsProblemException(
          this.options.requestsPerMinute,
          Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        );
      }
      throw rejection;
    }
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BaseServiceConfig, EXPRESS_ROUTE_AUTHENTICATION } from '@supportlens/platform';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ACCESS_OPTIONS, AccessOptions } from './access-options';
import { ApiKeyVerifier } from './api-keys/api-key-verifier';
import { ApiKeyGuard, authenticate } from './guard/api-key.guard';
import { AccessMigrationsCheck } from './migrations/access-migrations.check';
import { RequestRateLimiter } from './rate-limit/request-rate-limiter';

/**
 * API-key access for a service's HTTP routes: a global guard (401 / 403 / 429 as problem+json), the
 * key cache, the shared rate limit, and the gate in front of /docs. Import it after PersistenceModule
 * (it uses the service's DataSource; the keys live in the `access` schema shared by all services).
 */
@Module({})
export class AccessModule {
  static forRoot(): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        {
          provide: ACCESS_OPTIONS,
          inject: [BaseServiceConfig],
          useFactory: (config: BaseServiceConfig): AccessOptions => ({
            cacheTtlMs: config.API_KEY_CACHE_TTL_MS,
            requestsPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
          }),
        },
        AccessMigrationsCheck,
        ApiKeyVerifier,
        RequestRateLimiter,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        {
          provide: EXPRESS_ROUTE_AUTHENTICATION,
          inject: [ApiKeyVerifier],
          useFactory:
            (verifier: ApiKeyVerifier): RequestHandler =>
            (request: Request, _response: Response, next: NextFunction) => {
              authenticate(verifier, request).then(() => next(), next);
            },
        },
      ],
    };
  }
}

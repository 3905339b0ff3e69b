// Config
export * from './config/base-service.config';
export * from './config/config-validation.error';
export * from './config/env-transforms';
export * from './config/env-validators';
export * from './config/environment-values';
export * from './config/load-config';

// Concurrency
export * from './concurrency/call-coalescer';

// Module
export * from './platform.module';
export * from './platform-module-options';
export * from './service-name.token';

// Health
export * from './health/health.controller';
export * from './health/health.module';
export * from './health/readiness-registry';
export * from './health/readiness-report';

// Metrics
export * from './metrics/http-metrics.middleware';
export * from './metrics/http-route-label.interceptor';
export * from './metrics/metrics.controller';
export * from './metrics/metrics.module';
export * from './metrics/metrics.service';
export * from './metrics/route-label';

// Logging
export * from './logging/build-logger-params';
export * from './logging/request-id';

// Problem+json
export * from './http/openapi';
export * from './http/create-validation-pipe';
export * from './http/field-error';
export * from './http/flatten-validation-errors';
export * from './http/http-error-translation';
export * from './http/malformed-json-problem.exception';
export * from './http/payload-too-large-problem.exception';
export * from './http/problem-details';
export * from './http/problem-details.filter';
export * from './http/problem.exception';
export * from './http/service-unavailable-problem.exception';
export * from './http/to-problem-details';
export * from './http/use-json-body-parser';
export * from './http/validation-problem.exception';

// Bootstrap and shutdown
export * from './bootstrap/bootstrap-service';
export * from './bootstrap/configure-http-app';
export * from './bootstrap/shutdown-coordinator';

// Access: the scopes routes require (the API-key store and guard live in @supportlens/access)
export * from './access/api-key-scope';
export * from './access/requires-scope.decorator';
export * from './access/express-route-authentication';

import { INestApplication } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { BaseServiceConfig } from '../config/base-service.config';
import { EXPRESS_ROUTE_AUTHENTICATION } from '../access/express-route-authentication';
import { createValidationPipe } from '../http/create-validation-pipe';
import { OPENAPI_PATHS, serveOpenApi } from '../http/openapi';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { useJsonBodyParser } from '../http/use-json-body-parser';
import { createHttpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { HttpRouteLabelInterceptor } from '../metrics/http-route-label.interceptor';
import { MetricsService } from '../metrics/metrics.service';

export interface ConfigureHttpAppOptions {
  /** Close the app on SIGTERM/SIGINT. Default true; tests that close the app themselves may turn it off. */
  shutdownHooks?: boolean;
}

/**
 * Everything bootstrapService does except listening, for apps built with @nestjs/testing.
 * Call it before app.init()/listen(), on an Express app created with `bodyParser: false`
 * (Nest's default parser would otherwise ignore HTTP_BODY_LIMIT for urlencoded bodies):
 *
 *   const app = moduleRef.createNestApplication({ bodyParser: false });
 *   configureHttpApp(app);
 *   await app.init();
 */
export function configureHttpApp<T extends INestApplication>(
  app: T,
  options: ConfigureHttpAppOptions = {},
): T {
  const expressApp = app as unknown as NestExpressApplication;
  const config = app.get(BaseServiceConfig);

  app.useLogger(app.get(Logger));
  // Writes out what was logged before the logger existed (bootstrapService buffers it).
  app.flushLogs();
  // No need to tell every caller which framework answers.
  expressApp.disable('x-powered-by');
  // First, so requests the body parser rejects are counted as well.
  app.use(createHttpMetricsMiddleware(app.get(MetricsService)));
  useJsonBodyParser(expressApp, config.HTTP_BODY_LIMIT);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new HttpRouteLabelInterceptor());
  // The API description is served by Express itself, out of the guards' sight: it is gated here.
  const authentication = optionalProvider<RequestHandler>(app, EXPRESS_ROUTE_AUTHENTICATION);
  if (authentication) app.use(OPENAPI_PATHS.ui, authentication);
  serveOpenApi(app);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  return app;
}

function optionalProvider<T>(app: INestApplication, token: symbol): T | undefined {
  try {
    return app.get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}

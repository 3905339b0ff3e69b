import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { LevelWithSilent } from 'pino';
import { BaseServiceConfig } from '../config/base-service.config';
import { isQuietRequest } from './quiet-paths';
import { resolveRequestId } from './request-id';

/** Headers whose values never reach the logs. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'];

/**
 * nestjs-pino settings: JSON lines on stdout (no pretty printing: a log shipper reads them),
 * every line tagged with the service, one line per request except probes and scrapes.
 */
export function buildLoggerParams(serviceName: string, config: BaseServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: serviceName, pid: process.pid, hostname: hostname() },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: resolveRequestId,
      autoLogging: { ignore: isQuietRequest },
      customLogLevel: requestLogLevel,
      // Lines logged while handling a request carry its id only; the full request is on the
      // one "request completed" line.
      quietReqLogger: true,
    },
    // Nest 11 (path-to-regexp v8) spelling of "every route"; the default '*' logs a warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}

function requestLogLevel(_req: IncomingMessage, res: ServerResponse, error?: Error): LevelWithSilent {
  if (error || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return 'info';
}

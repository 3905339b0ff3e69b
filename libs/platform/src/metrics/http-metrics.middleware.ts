import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from './metrics.service';
import { getRouteLabel } from './route-label';

/**
 * Records supportlens_http_requests_total and supportlens_http_request_duration_seconds.
 * A plain Express middleware, installed before the body parser, so requests rejected before
 * they reach a controller (malformed JSON, 413, 404) are counted too, under route "unmatched".
 * The route label is the pattern HttpRouteLabelInterceptor stored, never the raw URL, to keep
 * label cardinality bounded.
 */
export function createHttpMetricsMiddleware(metrics: MetricsService): RequestHandler {
  return function httpMetrics(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = getRouteLabel(req);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpRequestDuration.observe({ method: req.method, route }, seconds);
    });
    next();
  };
}

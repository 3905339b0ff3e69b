import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { setRouteLabel } from './route-label';

/**
 * Tags the request with the controller route pattern (e.g. /cases/:id) for the HTTP metrics.
 * Express's own `req.route` cannot be trusted for that: Nest's route-scoped middleware (the
 * request logger) also sets it, so a 404 would carry the middleware's wildcard pattern.
 */
@Injectable()
export class HttpRouteLabelInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const path: unknown = request.route?.path;
      if (typeof path === 'string') setRouteLabel(request, `${request.baseUrl}${path}`);
    }
    return next.handle();
  }
}

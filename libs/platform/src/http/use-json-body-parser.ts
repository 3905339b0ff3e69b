import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { translateHttpError } from './http-error-translation';

/**
 * Installs Express's JSON body parser with the given limit, followed by an error middleware
 * that turns its failures into problems. Without that step Nest rewrites a JSON syntax error
 * into a bare BadRequestException (losing body-parser's `type`), and the 413 would not know
 * the configured limit's spelling.
 */
export function useJsonBodyParser(app: NestExpressApplication, limit: string): void {
  app.useBodyParser('json', { limit });
  app.use(function translateBodyParserErrors(
    error: unknown,
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    next(translateHttpError(error, limit) ?? error);
  });
}

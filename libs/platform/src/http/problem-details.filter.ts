import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_JSON_CONTENT_TYPE } from './problem-details';
import { toProblemResponse } from './to-problem-details';

/**
 * Answers every error of an HTTP request with application/problem+json (RFC 9457).
 *
 * Logging: errors we did not throw on purpose and 5xx answers are logged with their stack (the
 * client only gets a generic detail for the former). When the request logger (pino-http) saw
 * the request, the error is handed to it as `res.err` so its one "request errored" line carries
 * the real error; requests rejected before it ran (e.g. by the body parser) are logged here.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Only HTTP is ours; Kafka handlers and other contexts keep Nest's own handling.
    if (host.getType() !== 'http') throw exception;

    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers, expected } = toProblemResponse(exception, request.path ?? request.url);
    const isError = !expected || problem.status >= 500;
    const seenByRequestLogger = 'log' in request;

    if (isError && seenByRequestLogger) {
      // pino-http declares `err` on the response and logs it with the request line.
      response.err = exception instanceof Error ? exception : new Error(describe(exception));
    } else if (isError) {
      this.logger.error(`${summary(request, problem.status)}: ${describe(exception)}`, stackOf(exception));
    } else if (!seenByRequestLogger) {
      this.logger.warn(`${summary(request, problem.status)}: ${problem.detail}`);
    }

    if (response.headersSent) {
      // Part of another answer is already out; all we can do is end it.
      response.end();
      return;
    }
    response
      .status(problem.status)
      .set(headers)
      .type(PROBLEM_JSON_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  }
}

function summary(request: Request, status: number): string {
  return `${request.method} ${request.originalUrl ?? request.url} answered ${status}`;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}

function stackOf(exception: unknown): string | undefined {
  return exception instanceof Error ? exception.stack : undefined;
}

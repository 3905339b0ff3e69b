import { HttpException } from '@nestjs/common';
import { translateHttpError } from './http-error-translation';
import { ProblemException } from './problem.exception';
import { ProblemDetails, problemTypeUri, statusSlug, statusTitle } from './problem-details';

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** False when the error was not one we threw on purpose: log it, since the client is not told. */
  expected: boolean;
}

export const INTERNAL_ERROR_DETAIL = 'An unexpected error occurred. It has been logged.';

/** Maps any thrown value to the problem+json answer for it. */
export function toProblemResponse(exception: unknown, instance: string): ProblemResponse {
  const problemException = exception instanceof ProblemException ? exception : translateHttpError(exception);
  if (problemException) {
    return {
      problem: problemException.toProblemDetails(instance),
      headers: problemException.headers,
      expected: true,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      problem: {
        type: problemTypeUri(statusSlug(status)),
        title: statusTitle(status),
        status,
        detail: httpExceptionDetail(exception),
        instance,
      },
      headers: {},
      expected: true,
    };
  }
  // Anything else is a bug or an outage: the client gets a generic answer, never the message.
  return {
    problem: {
      type: problemTypeUri('internal-error'),
      title: statusTitle(500),
      status: 500,
      detail: INTERNAL_ERROR_DETAIL,
      instance,
    },
    headers: {},
    expected: false,
  };
}

/** Nest's HttpExceptions carry `message` as a string, a string[] or inside a response object. */
function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

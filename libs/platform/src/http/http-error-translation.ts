import { MalformedJsonProblemException } from './malformed-json-problem.exception';
import { PayloadTooLargeProblemException } from './payload-too-large-problem.exception';
import { ProblemException } from './problem.exception';
import { statusSlug, statusTitle } from './problem-details';

/** The shape of `http-errors` errors, which body-parser and Express middleware raise. */
export interface HttpError extends Error {
  status: number;
  /** body-parser's reason, e.g. 'entity.too.large', 'entity.parse.failed'. */
  type?: string;
  /** True when the message is meant for the client (http-errors sets it for 4xx). */
  expose?: boolean;
  /** For 'entity.too.large': the limit in bytes. */
  limit?: number;
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as Partial<HttpError>).status === 'number';
}

/**
 * Turns errors from body-parser (and other http-errors with a client-facing message) into
 * problems. `limit` names the configured body limit for the 413 detail; without it the
 * limit is given in bytes. Returns undefined for anything else.
 */
export function translateHttpError(error: unknown, limit?: string): ProblemException | undefined {
  if (!isHttpError(error)) return undefined;
  if (error.type === 'entity.too.large') {
    return new PayloadTooLargeProblemException(limit ?? `${error.limit ?? '?'} bytes`, error);
  }
  if (error.type === 'entity.parse.failed') {
    return new MalformedJsonProblemException(error);
  }
  if (error.expose === true && error.status >= 400 && error.status < 500) {
    return new ProblemException({
      status: error.status,
      type: statusSlug(error.status),
      title: statusTitle(error.status),
      detail: error.message,
      cause: error,
    });
  }
  return undefined;
}

import { ProblemException } from './problem.exception';

export interface ServiceUnavailableOptions {
  /** Sent as Retry-After so well-behaved clients back off. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** 503 service-unavailable, e.g. ingest answering while Kafka is unreachable. */
export class ServiceUnavailableProblemException extends ProblemException {
  constructor(
    detail = 'The service cannot handle the request right now. Retry later.',
    options: ServiceUnavailableOptions = {},
  ) {
    super({
      status: 503,
      type: 'service-unavailable',
      title: 'Service unavailable',
      detail,
      headers:
        options.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(options.retryAfterSeconds) },
      cause: options.cause,
    });
  }
}

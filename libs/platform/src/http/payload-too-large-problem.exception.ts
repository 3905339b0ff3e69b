import { ProblemException } from './problem.exception';

/** 413 payload-too-large naming the configured body limit. */
export class PayloadTooLargeProblemException extends ProblemException {
  constructor(limit: string, cause?: unknown) {
    super({
      status: 413,
      type: 'payload-too-large',
      title: 'Payload too large',
      detail: `The request body is larger than the limit of ${limit}.`,
      extensions: { limit },
      cause,
    });
  }
}

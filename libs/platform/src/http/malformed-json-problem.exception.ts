import { ProblemException } from './problem.exception';

/** 400 malformed-json: the body could not be parsed at all. */
export class MalformedJsonProblemException extends ProblemException {
  constructor(cause?: unknown) {
    super({
      status: 400,
      type: 'malformed-json',
      title: 'Malformed JSON',
      detail: 'The request body is not valid JSON.',
      cause,
    });
  }
}

import { FieldError } from './field-error';
import { ProblemException } from './problem.exception';

/** 400 validation-error listing every failed field. Thrown by the global ValidationPipe. */
export class ValidationProblemException extends ProblemException {
  constructor(
    readonly errors: FieldError[],
    detail = `The request has ${errors.length} invalid ${errors.length === 1 ? 'field' : 'fields'}.`,
  ) {
    super({
      status: 400,
      type: 'validation-error',
      title: 'Validation failed',
      detail,
      extensions: { errors },
    });
  }
}

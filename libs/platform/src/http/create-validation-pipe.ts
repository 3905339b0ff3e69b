import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from './flatten-validation-errors';
import { ValidationProblemException } from './validation-problem.exception';

/**
 * The pipe every service validates request DTOs with: converts payloads to the DTO classes,
 * strips unknown properties and reports every failed field as a problem+json 400.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationProblemException(flattenValidationErrors(errors)),
  });
}

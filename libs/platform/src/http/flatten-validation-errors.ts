import type { ValidationError } from 'class-validator';
import { FieldError } from './field-error';

const ARRAY_INDEX = /^\d+$/;

/**
 * Flattens class-validator's nested errors into one FieldError per failed constraint, with
 * dotted paths: 'customer.email', 'items[0].code', and for a top-level array '[2].customer.id'.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(prefix, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    const nested = flattenValidationErrors(error.children ?? [], field);
    // A node with neither (should not happen) still tells the client which field is wrong.
    return own.length === 0 && nested.length === 0
      ? [{ field, message: `${field} is invalid` }]
      : [...own, ...nested];
  });
}

function joinPath(prefix: string, property: string): string {
  if (ARRAY_INDEX.test(property)) return `${prefix}[${property}]`;
  return prefix === '' ? property : `${prefix}.${property}`;
}

import { ValidationOptions, registerDecorator } from 'class-validator';

const DATE_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A calendar date (`2026-11-23`) or an RFC 3339 timestamp with its offset, that is a real instant. */
export function IsTimestampOrDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimestampOrDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date (YYYY-MM-DD) or a timestamp with offset', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && DATE_OR_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)),
      },
    });
}

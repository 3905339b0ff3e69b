import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * On a property that is always present, checks that the object answers at least one of `fields`: a
 * survey response with no score at all is a broken export, not a response.
 */
export function AnswersAtLeastOneOf(fields: readonly string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'answersAtLeastOneOf',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [fields],
      options: { message: `a response must answer at least one of ${fields.join(', ')}` },
      validator: {
        validate(_value: unknown, args: ValidationArguments): boolean {
          const object = args.object as Record<string, unknown>;
          return fields.some((field) => {
            const answer = object[field];
            if (answer === undefined || answer === null) return false;
            if (Array.isArray(answer)) return answer.length > 0;
            if (typeof answer === 'object') return Object.values(answer).some((part) => part !== undefined);
            return true;
          });
        },
      },
    });
  };
}

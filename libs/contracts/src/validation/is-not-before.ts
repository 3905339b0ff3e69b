import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** A timestamp that must not be earlier than another timestamp property of the same object. */
export function IsNotBefore(otherProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherProperty],
      options: { message: `$property must not be earlier than ${otherProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const [mine, theirs] = [Date.parse(value), Date.parse(other)];
          if (Number.isNaN(mine) || Number.isNaN(theirs)) return true; // format is checked elsewhere
          return mine >= theirs;
        },
      },
    });
  };
}

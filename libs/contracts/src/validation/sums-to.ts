import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** An object whose numeric properties must add up to `total` (e.g. a 100-point allocation). */
export function SumsTo(total: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'sumsTo',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [total],
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must add up to ${total} (it adds up to ${sumOf(args.value)})`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (value === null || typeof value !== 'object') return true; // the type is checked elsewhere
          return sumOf(value) === total;
        },
      },
    });
  };
}

function sumOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return Number.NaN;
  return Object.values(value).reduce<number>((sum, part) => sum + (typeof part === 'number' ? part : 0), 0);
}

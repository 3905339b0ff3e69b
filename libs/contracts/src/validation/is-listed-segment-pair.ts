import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { SEGMENT_PAIRS } from '../customers/customer';

/**
 * A segment's second condition (`and`): its attribute must make a listed pair (SEGMENT_PAIRS) with the
 * segment's own `attribute`, in the pair's order. Shape and values are checked by the nested class.
 */
export function IsListedSegmentPair(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isListedSegmentPair',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property.attribute must make a listed pair with attribute (${SEGMENT_PAIRS.map((pair) => pair.join(' and ')).join('; ')})`,
        ...options,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if (value === null || typeof value !== 'object') return true; // the nested class says why
          const first = (args.object as Record<string, unknown>).attribute;
          const second = (value as Record<string, unknown>).attribute;
          return SEGMENT_PAIRS.some(([a, b]) => a === first && b === second);
        },
      },
    });
  };
}

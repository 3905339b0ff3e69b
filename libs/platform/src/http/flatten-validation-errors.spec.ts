import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsEmail,
  IsInt,
  IsString,
  Min,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors';

class Customer {
  @IsString()
  id: string;

  @IsEmail()
  email: string;
}

class Item {
  @IsString()
  code: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class Order {
  @ValidateNested()
  @Type(() => Customer)
  customer: Customer;

  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[];
}

function errorsOf(plain: object): ValidationError[] {
  return validateSync(plainToInstance(Order, plain));
}

describe('flattenValidationErrors', () => {
  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });

  it('gives nested fields dotted paths and array items indexes, naming the full path in the message', () => {
    const errors = errorsOf({
      customer: { id: 7, email: 'nope' },
      items: [
        { code: 'A', quantity: 1 },
        { code: 5, quantity: 'x' },
      ],
    });

    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'customer.id', message: 'customer.id must be a string' },
      { field: 'customer.email', message: 'customer.email must be an email' },
      { field: 'items[1].code', message: 'items[1].code must be a string' },
      // Not also "must not be less than 1": a value of the wrong type has no meaningful range.
      { field: 'items[1].quantity', message: 'items[1].quantity must be an integer number' },
    ]);
  });

  it('reports constraints on the parent as well as its children', () => {
    const errors = errorsOf({ customer: { id: 'c1', email: 'a@b.co' }, items: [] });

    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'items', message: 'items should not be empty' },
    ]);
  });

  it('indexes the elements of a top-level array, and applies a prefix', () => {
    const perElement = [
      { code: 'ok', quantity: 1 },
      { code: 'ok', quantity: 1 },
      { code: 'ok', quantity: 0 },
    ].map((item) => validateSync(plainToInstance(Item, item)));

    const asTree: ValidationError[] = [
      Object.assign(new ValidationError(), {
        property: '2',
        children: perElement[2],
        constraints: undefined,
      }),
    ];

    expect(flattenValidationErrors(asTree)).toEqual([
      { field: '[2].quantity', message: '[2].quantity must not be less than 1' },
    ]);
    expect(flattenValidationErrors(perElement[2], '[2]')).toEqual([
      { field: '[2].quantity', message: '[2].quantity must not be less than 1' },
    ]);
    expect(flattenValidationErrors(perElement[2], 'batch[2]')).toEqual([
      { field: 'batch[2].quantity', message: 'batch[2].quantity must not be less than 1' },
    ]);
  });

  it('still names a field whose error has neither constraints nor children', () => {
    const bare = Object.assign(new ValidationError(), { property: 'customer', children: [] });

    expect(flattenValidationErrors([bare])).toEqual([{ field: 'customer', message: 'customer is invalid' }]);
  });
});

import { customerIdViolations } from './customer-id-violations';

describe('customerIdViolations', () => {
  it('accepts an id the contracts accept', () => {
    expect(customerIdViolations('cust-42')).toEqual([]);
  });

  it('names the path parameter for an id no erasure event could carry', () => {
    expect(customerIdViolations('x'.repeat(201))).toEqual([
      { field: 'id', message: 'id must be shorter than or equal to 200 characters' },
    ]);
    expect(customerIdViolations('a\u0000b').map((violation) => violation.field)).toEqual(['id']);
  });
});

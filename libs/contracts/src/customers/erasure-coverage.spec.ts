import { isErased, latestErasurePerCustomer } from './erasure-coverage';

describe('latestErasurePerCustomer', () => {
  it('keeps the latest erasure of each customer, sorted by customer', () => {
    expect(
      latestErasurePerCustomer([
        { customerId: 'b', erasedAt: '2030-01-02T00:00:00Z' },
        { customerId: 'a', erasedAt: '2030-01-01T00:00:00Z' },
        { customerId: 'b', erasedAt: '2030-01-05T00:00:00+02:00' },
        { customerId: 'b', erasedAt: '2030-01-03T00:00:00Z' },
      ]),
    ).toEqual([
      { customerId: 'a', erasedAt: '2030-01-01T00:00:00Z' },
      { customerId: 'b', erasedAt: '2030-01-05T00:00:00+02:00' },
    ]);
  });

  it('is empty for no erasures', () => {
    expect(latestErasurePerCustomer([])).toEqual([]);
  });
});

describe('isErased', () => {
  const erasedAt = '2030-01-02T10:00:00Z';

  it('erases versions dated up to the erasure, the same instant included', () => {
    expect(isErased(erasedAt, '2030-01-01T00:00:00Z')).toBe(true);
    expect(isErased(erasedAt, '2030-01-02T12:00:00+02:00')).toBe(true);
    expect(isErased(new Date(erasedAt), new Date(erasedAt))).toBe(true);
  });

  it('keeps versions dated after the erasure, and every version of a customer never erased', () => {
    expect(isErased(erasedAt, '2030-01-02T10:00:00.001Z')).toBe(false);
    expect(isErased(undefined, '2000-01-01T00:00:00Z')).toBe(false);
  });
});

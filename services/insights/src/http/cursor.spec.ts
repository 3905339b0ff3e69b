import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursors', () => {
  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor([42, 'cust-1']), ['integer', 'string'])).toEqual([42, 'cust-1']);
    const at = '2026-11-23T10:00:00.000Z';
    expect(decodeCursor(encodeCursor([at, 'x']), ['timestamp', 'string'])).toEqual([at, 'x']);
  });

  it.each([
    ['not base64 JSON', '%%%', ['string']],
    ['the wrong length', encodeCursor([1, 'a', 'b']), ['integer', 'string']],
    ['a fraction where an int is cast', encodeCursor([1.5, 'x']), ['integer', 'string']],
    ['an int beyond int4', encodeCursor([1e20, 'x']), ['integer', 'string']],
    ['a string that is no timestamp', encodeCursor(['x', 'y']), ['timestamp', 'string']],
    ['a string where a number is expected', encodeCursor(['1', 'y']), ['number', 'string']],
  ] as const)('refuses %s with a 400', (_case, cursor, shape) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(BadRequestException);
  });
});

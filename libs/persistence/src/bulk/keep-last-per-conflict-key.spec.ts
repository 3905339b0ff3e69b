import { keepLastPerConflictKey } from './keep-last-per-conflict-key';

describe('keepLastPerConflictKey', () => {
  it('keeps the last tuple per key', () => {
    const tuples = [
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
    ];
    expect(keepLastPerConflictKey(tuples, [0])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('orders by key so overlapping batches lock rows in the same order', () => {
    expect(keepLastPerConflictKey([['c'], ['a'], ['b']], [0])).toEqual([['a'], ['b'], ['c']]);
  });

  it('compares composite keys on all their columns and by text form', () => {
    const tuples = [
      ['x', 1, 'first'],
      ['x', 2, 'other'],
      ['x', '1', 'last'],
    ];
    expect(keepLastPerConflictKey(tuples, [0, 1])).toEqual([
      ['x', '1', 'last'],
      ['x', 2, 'other'],
    ]);
  });

  it('keeps every tuple whose key contains NULL (NULLs never conflict)', () => {
    expect(
      keepLastPerConflictKey(
        [
          [null, 1],
          [null, 2],
          ['a', 3],
        ],
        [0],
      ),
    ).toEqual([
      ['a', 3],
      [null, 1],
      [null, 2],
    ]);
  });
});

import { serializeRows } from './serialize-rows';

describe('serializeRows', () => {
  it('orders values by column and turns missing values into NULL', () => {
    const columns = [
      { name: 'a', type: 'text' as const },
      { name: 'b', type: 'int' as const },
    ];
    expect(serializeRows(columns, [{ b: 2, a: 'x' }, { a: 'y' }, { a: null, b: undefined }])).toEqual([
      ['x', 2],
      ['y', null],
      [null, null],
    ]);
  });

  it('keeps jsonb values as they are (sent as JSON with the rows), and SQL NULL for null', () => {
    const columns = [{ name: 'doc', type: 'jsonb' as const }];
    expect(serializeRows(columns, [{ doc: { a: [1, 'two'] } }, { doc: 'text' }, { doc: null }])).toEqual([
      [{ a: [1, 'two'] }],
      ['text'],
      [null],
    ]);
  });

  it('writes Dates as UTC instants or UTC calendar days', () => {
    const columns = [
      { name: 'at', type: 'timestamptz' as const },
      { name: 'day', type: 'date' as const },
    ];
    const instant = new Date('2026-01-31T23:30:00.000Z');
    expect(serializeRows(columns, [{ at: instant, day: new Date('2026-01-31') }])).toEqual([
      ['2026-01-31T23:30:00.000Z', '2026-01-31'],
    ]);
    expect(serializeRows(columns, [{ at: '2026-01-31T00:00:00Z', day: '2026-01-31' }])).toEqual([
      ['2026-01-31T00:00:00Z', '2026-01-31'],
    ]);
  });

  it('writes JS bigints as decimal strings', () => {
    expect(serializeRows([{ name: 'n', type: 'bigint' }], [{ n: 9007199254740993n }])).toEqual([
      ['9007199254740993'],
    ]);
  });

  it('names the row and column of an invalid Date', () => {
    expect(() => serializeRows([{ name: 'at', type: 'timestamptz' }], [{ at: new Date('x') }])).toThrow(
      /row 0, column at: invalid Date/,
    );
  });
});

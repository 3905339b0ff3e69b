import { csvField, toCsvDocument } from './csv';

describe('CSV export', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('-55')).toBe('-55');
    expect(csvField('-0.5e-3')).toBe('-0.5e-3');
  });

  it('writes a header, one row per item, CRLF line ends, empty cells for null', () => {
    expect(
      toCsvDocument(
        ['a', 'b'],
        [
          [1, null],
          [new Date('2026-01-01T00:00:00Z'), { x: 1 }],
        ],
      ),
    ).toBe('a,b\r\n1,\r\n2026-01-01T00:00:00.000Z,"{""x"":1}"\r\n');
  });
});

import { parseLabelledFile } from './parse-labelled-file';

describe('parseLabelledFile', () => {
  it('reads CSV with a code or an intent column, quoted fields included', () => {
    const csv =
      'text,category,intent\n"can I cancel, please?",ORDER,cancel_order\nwhere is my refund,REFUND,track_refund\n';
    expect(parseLabelledFile(csv, 'csv')).toEqual([
      { text: 'can I cancel, please?', code: 'cancel_order' },
      { text: 'where is my refund', code: 'track_refund' },
    ]);
    expect(parseLabelledFile('text,code\nhi,greeting\n', 'csv')).toEqual([{ text: 'hi', code: 'greeting' }]);
  });

  it('reads JSON Lines', () => {
    expect(parseLabelledFile('{"text":"a","code":"x"}\n\n{"text":"b","code":"y"}\n', 'jsonl')).toEqual([
      { text: 'a', code: 'x' },
      { text: 'b', code: 'y' },
    ]);
  });

  it('names the rows it cannot use instead of dropping them', () => {
    expect(() => parseLabelledFile('text,code\nhi,\n', 'csv')).toThrow('row 2: needs text and code');
    expect(() => parseLabelledFile('{"text":"a"}\nnope\n', 'jsonl')).toThrow(
      '2 bad rows, e.g. line 1: needs string text and code; line 2: not JSON',
    );
  });
});

import { jsonRowsFrom, jsonRowsParameter } from './json-rows';

describe('jsonRowsFrom', () => {
  it('reads each element of a row array as its column, typed and named', () => {
    expect(
      jsonRowsFrom(
        [
          { name: 'group_kind', type: 'text' },
          { name: 'day', type: 'date' },
          { name: 'cases', type: 'int' },
          { name: 'doc', type: 'jsonb' },
        ],
        3,
        'd',
      ),
    ).toBe(
      `(SELECT (r ->> 0) AS "group_kind", (r ->> 1)::date AS "day", (r ->> 2)::int AS "cases", ` +
        `nullif(r -> 3, 'null'::jsonb) AS "doc" FROM jsonb_array_elements($3::jsonb) AS r) AS d`,
    );
  });

  it('refuses names it would have to trust', () => {
    expect(() => jsonRowsFrom([{ name: 'a"; drop', type: 'text' }], 1, 'u')).toThrow(
      /Invalid SQL column name/,
    );
    expect(() => jsonRowsFrom([{ name: 'a', type: 'text' }], 1, 'u v')).toThrow(/Invalid SQL alias/);
  });
});

describe('jsonRowsParameter', () => {
  const columns = [
    { name: 'id', type: 'text' as const },
    { name: 'score', type: 'double precision' as const },
    { name: 'doc', type: 'jsonb' as const },
  ];

  it('is the tuples as one JSON array of arrays, jsonb values nested as JSON', () => {
    expect(
      jsonRowsParameter(columns, [
        ['a', 1.5, { x: [1, 'two'] }],
        ['b', null, 'text'],
      ]),
    ).toBe('[["a",1.5,{"x":[1,"two"]}],["b",null,"text"]]');
  });

  it('sends non-finite numbers as their text, which float columns read, instead of null', () => {
    expect(
      JSON.parse(
        jsonRowsParameter(columns, [
          ['a', NaN, null],
          ['b', -Infinity, null],
        ]),
      ),
    ).toEqual([
      ['a', 'NaN', null],
      ['b', '-Infinity', null],
    ]);
  });

  it('replaces an unpaired surrogate in a text value with U+FFFD and leaves pairs alone', () => {
    const [[lone, pair]] = JSON.parse(
      jsonRowsParameter(
        [
          { name: 'a', type: 'text' },
          { name: 'b', type: 'text' },
        ],
        [['x\uD800y', 'ok \uD83D\uDE00']],
      ),
    ) as string[][];
    expect(lone).toBe('x\uFFFDy');
    expect(pair).toBe('ok \uD83D\uDE00');
  });

  it('does not change the tuples it is given', () => {
    const tuples = [['x\uD800', NaN, null]];
    jsonRowsParameter(columns, tuples);
    expect(tuples).toEqual([['x\uD800', NaN, null]]);
  });
});

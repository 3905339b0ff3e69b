import { childPath, defaultsShapeProblems, mergeByShape, shapeErrors, valueAt } from './json-shape';

// A shape with every kind of value a section may have.
const SHAPE = {
  threshold: 60,
  label: 'how-to',
  enabled: true,
  windows: { recentDays: 30, longDays: 90 },
  kinds: ['how-to', 'faq'],
  holidays: [] as string[],
  tiers: [{ name: 'gold', minValue: 1000 }],
  limit: null as number | null,
  nested: { deeper: { weight: 1.5 } },
};
type Shape = typeof SHAPE;

const REQUEST = { unknownKeys: 'refuse', rootName: 'body' } as const;
const STORED = { unknownKeys: 'ignore', rootName: 'document' } as const;

const merge = (patch: unknown, base: Shape = SHAPE) => mergeByShape(base, patch, SHAPE, REQUEST);
const fields = (patch: unknown) => merge(patch).errors.map((error) => error.field);

describe('mergeByShape: merging a partial document', () => {
  it('keeps every value a patch does not name', () => {
    const { merged, errors } = merge({ threshold: 75 });
    expect(errors).toEqual([]);
    expect(merged).toEqual({ ...SHAPE, threshold: 75 });
  });

  it('an empty patch changes nothing', () => {
    expect(merge({})).toEqual({ merged: SHAPE, errors: [], ignored: [] });
  });

  it('merges nested objects key by key', () => {
    const { merged } = merge({ windows: { recentDays: 7 }, nested: { deeper: { weight: 2 } } });
    expect(merged.windows).toEqual({ recentDays: 7, longDays: 90 });
    expect(merged.nested).toEqual({ deeper: { weight: 2 } });
  });

  it('merges over the current document, not the defaults', () => {
    const current = { ...SHAPE, threshold: 70, windows: { recentDays: 14, longDays: 60 } };
    const { merged } = merge({ windows: { longDays: 120 } }, current);
    expect(merged.threshold).toBe(70);
    expect(merged.windows).toEqual({ recentDays: 14, longDays: 120 });
  });

  it('replaces arrays as a whole, including with an empty one', () => {
    expect(merge({ kinds: ['release-note'] }).merged.kinds).toEqual(['release-note']);
    expect(merge({ kinds: [] }).merged.kinds).toEqual([]);
    expect(
      merge({
        tiers: [
          { name: 'silver', minValue: 100 },
          { name: 'gold', minValue: 900 },
        ],
      }).merged.tiers,
    ).toEqual([
      { name: 'silver', minValue: 100 },
      { name: 'gold', minValue: 900 },
    ]);
  });

  it('takes strings, booleans and fractions of the right type', () => {
    const { merged, errors } = merge({ label: 'faq', enabled: false, nested: { deeper: { weight: 0.25 } } });
    expect(errors).toEqual([]);
    expect(merged).toMatchObject({ label: 'faq', enabled: false, nested: { deeper: { weight: 0.25 } } });
  });

  it('merges over a base from another realm (structuredClone) like any other', () => {
    const base = structuredClone({ ...SHAPE, threshold: 70 });
    expect(merge({ label: 'faq' }, base).merged).toEqual({ ...SHAPE, threshold: 70, label: 'faq' });
  });

  it('changes neither the base, the patch nor the shape, and shares nothing with them', () => {
    const base = structuredClone(SHAPE);
    const patch = { tiers: [{ name: 'silver', minValue: 1 }], windows: { recentDays: 3 } };
    const before = structuredClone({ base, patch, shape: SHAPE });
    const { merged } = mergeByShape(base, patch, SHAPE, REQUEST);
    expect({ base, patch, shape: SHAPE }).toEqual(before);
    expect(merged.tiers).not.toBe(patch.tiers);
    expect(merged.kinds).not.toBe(base.kinds);
    expect(merged.nested).not.toBe(SHAPE.nested);
  });
});

describe('mergeByShape: what a request may not do', () => {
  it.each<[string, unknown, string, string]>([
    ['a string for a number', { threshold: '75' }, 'threshold', 'threshold must be a number'],
    ['null for a number', { threshold: null }, 'threshold', 'threshold must be a number'],
    ['a number for a string', { label: 3 }, 'label', 'label must be a string'],
    ['a string for a boolean', { enabled: 'yes' }, 'enabled', 'enabled must be true or false'],
    ['a number for an object', { windows: 30 }, 'windows', 'windows must be an object'],
    ['an array for an object', { windows: [30, 90] }, 'windows', 'windows must be an object'],
    ['an object for an array', { kinds: { a: 'faq' } }, 'kinds', 'kinds must be an array'],
    ['an element of the wrong type', { kinds: ['faq', 7] }, 'kinds[1]', 'kinds[1] must be a string'],
    [
      'an incomplete array element (elements are replaced, not merged)',
      { tiers: [{ name: 'gold' }] },
      'tiers[0].minValue',
      'tiers[0].minValue is required',
    ],
    [
      'an unknown key in an array element',
      { tiers: [{ name: 'gold', minValue: 1, colour: 'x' }] },
      'tiers[0].colour',
      'tiers[0].colour is not a setting (expected name, minValue)',
    ],
    [
      'an unknown setting',
      { treshold: 75 },
      'treshold',
      'treshold is not a setting (expected threshold, label, enabled, windows, kinds, holidays, tiers, limit, nested)',
    ],
    [
      'an unknown nested setting',
      { windows: { shortDays: 3 } },
      'windows.shortDays',
      'windows.shortDays is not a setting (expected recentDays, longDays)',
    ],
    [
      'a key that is not an identifier',
      { windows: { 'recent days': 3 } },
      'windows["recent days"]',
      'windows["recent days"] is not a setting (expected recentDays, longDays)',
    ],
    [
      'a string Postgres cannot store',
      { label: 'a\u0000b' },
      'label',
      'label must not contain U+0000 or unpaired surrogates',
    ],
    [
      'a lone surrogate',
      { label: 'a\uD800' },
      'label',
      'label must not contain U+0000 or unpaired surrogates',
    ],
    [
      'an object for a nullable scalar',
      { limit: { max: 3 } },
      'limit',
      'limit must be null, a number, a string or a boolean',
    ],
  ])('refuses %s', (_name, patch, field, message) => {
    const { merged, errors } = merge(patch);
    expect(errors).toEqual([{ field, message }]);
    // The refused part keeps its value.
    expect(merged).toEqual(SHAPE);
  });

  it('refuses numbers JSON cannot carry (from a caller that is not JSON)', () => {
    expect(merge({ threshold: Number.POSITIVE_INFINITY }).errors).toEqual([
      { field: 'threshold', message: 'threshold must be a finite number' },
    ]);
    expect(fields({ threshold: Number.NaN, kinds: [], holidays: [Number.NaN] })).toEqual([
      'threshold',
      'holidays[0]',
    ]);
  });

  it('names the body when it is not an object', () => {
    for (const body of [null, [], 'settings', 42]) {
      expect(merge(body).errors).toEqual([{ field: 'body', message: 'body must be an object' }]);
    }
  });

  it('refuses objects that are not plain JSON', () => {
    expect(fields({ windows: new Date() })).toEqual(['windows']);
    expect(fields({ kinds: new Set(['faq']) })).toEqual(['kinds']);
  });

  it('reports every bad field at once and applies the good ones', () => {
    const { merged, errors } = merge({
      threshold: 'high',
      label: 'faq',
      windows: { recentDays: 7, longDays: '90', extra: 1 },
      tiers: [{ name: 1, minValue: 'x' }],
      bogus: true,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'threshold',
      'windows.longDays',
      'windows.extra',
      'tiers[0].name',
      'tiers[0].minValue',
      'bogus',
    ]);
    expect(merged).toEqual({ ...SHAPE, label: 'faq', windows: { recentDays: 7, longDays: 90 } });
  });

  it('a nullable default takes null or any scalar', () => {
    expect(merge({ limit: 5 }).merged.limit).toBe(5);
    expect(merge({ limit: 'none' }).merged.limit).toBe('none');
    expect(merge({ limit: null }).errors).toEqual([]);
  });

  it("an empty default array takes any plain JSON, each element of the first one's kind", () => {
    expect(merge({ holidays: ['2026-12-25', '2026-12-26'] }).merged.holidays).toEqual([
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(merge({ holidays: [1, 2] }).errors).toEqual([]);
    // e.g. opening hours on a day that has none by default
    expect(merge({ holidays: [{ from: '10:00', to: '14:00' }] }).merged.holidays).toEqual([
      { from: '10:00', to: '14:00' },
    ]);
    expect(merge({ holidays: ['2026-12-25', 26] }).errors).toEqual([
      { field: 'holidays[1]', message: 'holidays[1] must be a string like holidays[0]' },
    ]);
    expect(merge({ holidays: [{ a: 1 }, 'x'] }).errors).toEqual([
      { field: 'holidays[1]', message: 'holidays[1] must be an object like holidays[0]' },
    ]);
    expect(merge({ holidays: [{ a: { b: 'x\u0000' } }, { c: [Number.NaN] }] }).errors).toEqual([
      { field: 'holidays[0].a.b', message: 'holidays[0].a.b must not contain U+0000 or unpaired surrogates' },
      { field: 'holidays[1].c[0]', message: 'holidays[1].c[0] must be a finite number' },
    ]);
    expect(merge({ holidays: [new Date(0)] }).errors).toEqual([
      { field: 'holidays[0]', message: 'holidays[0] must be plain JSON' },
    ]);
  });

  it('an empty section (one without settings yet) takes only an empty object', () => {
    const shape = { empty: {}, x: 1 };
    expect(mergeByShape(shape, { empty: {} }, shape, REQUEST).errors).toEqual([]);
    expect(mergeByShape(shape, { empty: { a: 1 } }, shape, REQUEST).errors).toEqual([
      { field: 'empty.a', message: 'empty.a is not a setting (this object has no settings)' },
    ]);
  });

  it('a "__proto__" key is an unknown setting, never a prototype', () => {
    const patch = JSON.parse('{"__proto__": {"threshold": 1}, "windows": {"__proto__": {"polluted": true}}}');
    const { merged, errors } = merge(patch);
    expect(errors.map((e) => e.field)).toEqual(['__proto__', 'windows.__proto__']);
    expect(merged).toEqual(SHAPE);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(merged))).toBeNull();
    expect(Object.getPrototypeOf(Object.getPrototypeOf(merged.windows))).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('mergeByShape: reading a stored document', () => {
  it('fills settings added since it was stored with their defaults', () => {
    const { merged, errors, ignored } = mergeByShape(
      SHAPE,
      { threshold: 70, windows: { recentDays: 7 } },
      SHAPE,
      STORED,
    );
    expect(errors).toEqual([]);
    expect(ignored).toEqual([]);
    expect(merged).toEqual({ ...SHAPE, threshold: 70, windows: { recentDays: 7, longDays: 90 } });
  });

  it('ignores settings the code no longer has, and says which', () => {
    const { merged, errors, ignored } = mergeByShape(
      SHAPE,
      { threshold: 70, retired: 3, windows: { recentDays: 7, oldDays: 2 } },
      SHAPE,
      STORED,
    );
    expect(errors).toEqual([]);
    expect(ignored).toEqual(['retired', 'windows.oldDays']);
    expect(merged).toEqual({ ...SHAPE, threshold: 70, windows: { recentDays: 7, longDays: 90 } });
  });

  it('still refuses a value of the wrong type', () => {
    const { errors } = mergeByShape(SHAPE, { threshold: 'x' }, SHAPE, STORED);
    expect(errors).toEqual([{ field: 'threshold', message: 'threshold must be a number' }]);
    expect(mergeByShape(SHAPE, 'x', SHAPE, STORED).errors).toEqual([
      { field: 'document', message: 'document must be an object' },
    ]);
  });
});

describe('shapeErrors: a complete value', () => {
  it('requires every key and accepts the shape itself', () => {
    expect(shapeErrors(SHAPE, SHAPE)).toEqual([]);
    expect(shapeErrors({ recentDays: 1 }, SHAPE.windows, 'windows')).toEqual([
      { field: 'windows.longDays', message: 'windows.longDays is required' },
    ]);
  });
});

describe('defaultsShapeProblems: what defaults must be', () => {
  it('accepts plain JSON with arrays of one shape', () => {
    expect(defaultsShapeProblems(SHAPE)).toEqual([]);
  });

  it('names values JSON cannot carry and mixed arrays', () => {
    expect(
      defaultsShapeProblems({
        a: undefined,
        b: Number.NaN,
        c: new Date(0),
        d: [1, 'two'],
        e: [{ x: 1 }, { y: 2 }],
        f: { g: () => 1 },
      }),
    ).toEqual([
      'a is not plain JSON (undefined)',
      'b is not a finite number',
      'c is not plain JSON (Date)',
      "d[1] must be a number (an array's elements take the shape of its first one)",
      "e[1].x is required (an array's elements take the shape of its first one)",
      "e[1].y is not a setting (expected x) (an array's elements take the shape of its first one)",
      'f.g is not plain JSON (function)',
    ]);
  });
});

describe('paths', () => {
  it('joins keys as identifiers where it can', () => {
    expect(childPath('', 'churnRisk')).toBe('churnRisk');
    expect(childPath('churnRisk', 'raiseThreshold')).toBe('churnRisk.raiseThreshold');
    expect(childPath('a', 'b c')).toBe('a["b c"]');
  });

  it('finds the value at a path', () => {
    expect(valueAt(SHAPE, 'windows.recentDays')).toBe(30);
    expect(valueAt(SHAPE, 'tiers[0].name')).toBe('gold');
    expect(valueAt(SHAPE, 'tiers[1].name')).toBeUndefined();
    expect(valueAt(SHAPE, 'windows.nope')).toBeUndefined();
    expect(valueAt(SHAPE, 'threshold.x')).toBeUndefined();
    expect(valueAt(SHAPE, 'toString')).toBeUndefined();
  });
});

import {
  isSingleSegmentGroupKind,
  segmentColumns,
  segmentFromColumns,
  segmentGroup,
  segmentKey,
  segmentsOf,
  toContractSegment,
} from './segments';

describe('segments', () => {
  it('puts a customer in each attribute they have, then in each listed pair they have both of', () => {
    expect(
      segmentsOf({ role: 'buyer', companySize: '51-200', industry: 'retail', plan: '', region: 7 }),
    ).toEqual([
      { attribute: 'industry', value: 'retail' },
      { attribute: 'companySize', value: '51-200' },
      { attribute: 'role', value: 'buyer' },
      { attribute: 'industry', value: 'retail', and: { attribute: 'companySize', value: '51-200' } },
      { attribute: 'industry', value: 'retail', and: { attribute: 'role', value: 'buyer' } },
    ]);
  });

  it('makes no pair of an empty or missing value, and no segment of a snapshot that is not an object', () => {
    expect(segmentsOf({ industry: 'retail', companySize: '' })).toEqual([
      { attribute: 'industry', value: 'retail' },
    ]);
    expect(segmentsOf(null)).toEqual([]);
    expect(segmentsOf('retail')).toEqual([]);
  });

  it('stores a pair as one attribute and a JSON value that keeps any character apart', () => {
    const pair = { attribute: 'industry', value: 'a+b"', and: { attribute: 'role', value: 'c]' } } as const;
    expect(segmentColumns(pair)).toEqual({ attribute: 'industry+role', value: '["a+b\\"","c]"]' });
    expect(segmentFromColumns('industry+role', '["a+b\\"","c]"]')).toEqual(pair);
    expect(segmentGroup(pair)).toEqual({ kind: 'segment.industry+role', value: '["a+b\\"","c]"]' });
    expect(segmentKey(pair)).toBe('industry+role=["a+b\\"","c]"]');
    expect(toContractSegment(pair)).toEqual(pair);
  });

  it('keys a single attribute as before, and never as a pair whatever its value holds', () => {
    const single = { attribute: 'industry', value: 'x&companySize=y' } as const;
    expect(segmentKey(single)).toBe('industry=x&companySize=y');
    expect(segmentFromColumns('industry', 'x&companySize=y')).toEqual(single);
    expect(segmentGroup(single)).toEqual({ kind: 'segment.industry', value: 'x&companySize=y' });
    expect(toContractSegment(single)).toEqual(single);
  });

  it('reads back nothing for what is not a stored segment', () => {
    expect(segmentFromColumns('colour', 'red')).toBeUndefined();
    expect(segmentFromColumns('role+industry', '["a","b"]')).toBeUndefined(); // not a listed pair's order
    expect(segmentFromColumns('industry+role', 'retail')).toBeUndefined();
    expect(segmentFromColumns('industry+role', '["a"]')).toBeUndefined();
    expect(segmentFromColumns('industry+role', '["a",1]')).toBeUndefined();
  });

  it('tells a single attribute group kind from a pair', () => {
    expect(isSingleSegmentGroupKind('segment.industry')).toBe(true);
    expect(isSingleSegmentGroupKind('segment.industry+role')).toBe(false);
    expect(isSingleSegmentGroupKind('channel')).toBe(false);
  });
});

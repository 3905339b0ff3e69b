import { fivePointToIndex, satisfactionIndexOf } from './satisfaction-index';

describe('satisfaction index', () => {
  it('maps a 1–5 answer onto 0–100: (r − 1) / 4 × 100', () => {
    expect([1, 2, 3, 4, 5].map(fivePointToIndex)).toEqual([0, 25, 50, 75, 100]);
  });

  it('is the mean of the components answered', () => {
    // csat 4 → 75, overall experience 5 → 100, quality index 40: (75 + 100 + 40) / 3 = 71.666…
    const index = satisfactionIndexOf(4, 5, 40);
    expect(index?.value).toBeCloseTo(71.666667, 6);
    expect(index?.components).toEqual(['csat', 'overallExperience', 'servqual']);
  });

  it('leaves out what was not answered rather than counting it as 0', () => {
    // csat 2 → 25 alone: 25 (not (25 + 0 + 0) / 3)
    expect(satisfactionIndexOf(2, undefined, undefined)).toEqual({ value: 25, components: ['csat'] });
    // quality index 62.5 alone
    expect(satisfactionIndexOf(null, null, 62.5)).toEqual({ value: 62.5, components: ['servqual'] });
    // overall experience 3 → 50 and quality index 70: (50 + 70) / 2 = 60
    expect(satisfactionIndexOf(undefined, 3, 70)).toEqual({
      value: 60,
      components: ['overallExperience', 'servqual'],
    });
  });

  it('is absent when no component was answered', () => {
    expect(satisfactionIndexOf(undefined, undefined, undefined)).toBeUndefined();
  });
});

import { benchmarkIndexOf, compareWithBenchmark, findBenchmark } from './benchmark';
import { IndustryBenchmark } from './scoring-config';

const BENCHMARKS: Record<string, IndustryBenchmark> = {
  Retail: { source: 'acsi', score: 77 },
  banking: { source: 'jd_power', score: 851 },
};

describe('benchmarks', () => {
  it('finds an industry case-insensitively', () => {
    expect(findBenchmark('retail', BENCHMARKS)).toEqual({ source: 'acsi', score: 77 });
    expect(findBenchmark('RETAIL', BENCHMARKS)).toEqual({ source: 'acsi', score: 77 });
    expect(findBenchmark('Banking', BENCHMARKS)).toEqual({ source: 'jd_power', score: 851 });
  });

  it('prefers the lower-case spelling when a configuration has two', () => {
    const both = {
      Retail: { source: 'acsi' as const, score: 70 },
      retail: { source: 'acsi' as const, score: 77 },
    };
    expect(findBenchmark('RETAIL', both)?.score).toBe(77);
    expect(findBenchmark('retail', both)?.score).toBe(77);
  });

  it('finds nothing for other industries, an empty one, or names of object properties', () => {
    expect(findBenchmark('airlines', BENCHMARKS)).toBeUndefined();
    expect(findBenchmark('', BENCHMARKS)).toBeUndefined();
    expect(findBenchmark(undefined, BENCHMARKS)).toBeUndefined();
    expect(findBenchmark('constructor', BENCHMARKS)).toBeUndefined();
    expect(findBenchmark('__proto__', BENCHMARKS)).toBeUndefined();
  });

  it('puts a J.D. Power index on the 0–100 scale by dividing by 10, and takes ACSI as it is', () => {
    expect(benchmarkIndexOf({ source: 'jd_power', score: 851 })).toBeCloseTo(85.1, 12); // 851 / 10
    expect(benchmarkIndexOf({ source: 'acsi', score: 77 })).toBe(77);
  });

  it('refuses a figure outside its scale rather than compare with it', () => {
    expect(benchmarkIndexOf({ source: 'acsi', score: 770 })).toBeUndefined();
    expect(benchmarkIndexOf({ source: 'jd_power', score: -1 })).toBeUndefined();
    expect(compareWithBenchmark(50, { source: 'acsi', score: Number.NaN })).toBeUndefined();
  });

  it('compares: difference = satisfaction index − benchmark index', () => {
    // 71.7275 − 77 = −5.2725
    expect(compareWithBenchmark(71.7275, { source: 'acsi', score: 77 })).toEqual({
      source: 'acsi',
      published: 77,
      index: 77,
      difference: -5.2725,
    });
    // 90 − 851 / 10 = 90 − 85.1 = 4.9
    expect(compareWithBenchmark(90, { source: 'jd_power', score: 851 })).toEqual({
      source: 'jd_power',
      published: 851,
      index: 85.1,
      difference: 4.9,
    });
  });
});

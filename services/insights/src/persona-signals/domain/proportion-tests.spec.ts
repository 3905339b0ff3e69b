import { adjustPValues } from './multiple-comparisons';
import {
  cohensH,
  compareNps,
  compareProportions,
  fisherExactTest,
  newcombeInterval,
  twoProportionZTest,
  wilsonInterval,
  zForLevel,
} from './proportion-tests';

describe('twoProportionZTest', () => {
  it('30 of 100 against 15 of 100', () => {
    // p̂ = 45/200 = 0.225; SE = √(0.225 × 0.775 × (1/100 + 1/100)) = √0.0034875 = 0.0590551
    // z = (0.30 − 0.15) / 0.0590551 = 2.5400025; p = 2(1 − Φ(2.54)) = 0.0110852 (scipy: 0.011085166380602711)
    const result = twoProportionZTest(30, 100, 15, 100);
    expect(result.test).toBe('two-proportion-z');
    expect(result.statistic).toBeCloseTo(2.5400025400038095, 12);
    expect(result.pValue).toBeCloseTo(0.011085166380602711, 14);
  });

  it('30 of 100 against 40 of 400: a segment asking three times as often', () => {
    // p̂ = 70/500 = 0.14; SE = √(0.14 × 0.86 × (1/100 + 1/400)) = √0.001505 = 0.0387943
    // z = 0.2 / 0.0387943 = 5.1553926; p = 2.5310005e-7 (scipy)
    const result = twoProportionZTest(30, 100, 40, 400);
    expect(result.statistic).toBeCloseTo(5.15539262226467, 12);
    expect(result.pValue / 2.5310004557019443e-7).toBeCloseTo(1, 10);
  });

  it('is symmetric and gives p = 1 when both samples are all or nothing', () => {
    expect(twoProportionZTest(15, 100, 30, 100).statistic).toBeCloseTo(-2.5400025400038095, 12);
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ test: 'two-proportion-z', statistic: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20).pValue).toBe(1);
  });

  it('refuses counts that are not a share', () => {
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, 0, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZTest(1.5, 10, 1, 10)).toThrow(RangeError);
  });
});

describe('fisherExactTest', () => {
  it("Fisher's lady tasting tea: [[3, 1], [1, 3]]", () => {
    // Margins 4/4 of 8: P(k) = C(4,k)·C(4,4−k)/C(8,4) = 1, 16, 36, 16, 1 (/70) for k = 0…4.
    // Tables no more likely than the observed k = 3 (16/70): k = 0, 1, 3, 4 → 34/70 = 0.4857142857.
    const result = fisherExactTest(3, 4, 1, 4);
    expect(result).toEqual({ test: 'fisher-exact', statistic: null, pValue: expect.any(Number) });
    expect(result.pValue).toBeCloseTo(34 / 70, 14);
    expect(fisherExactTest(4, 4, 0, 4).pValue).toBeCloseTo(2 / 70, 14);
  });

  it.each([
    // scipy.stats.fisher_exact(table).pvalue
    [1, 10, 11, 14, 0.0027594561852200836],
    [0, 10, 5, 10, 0.032507739938080496],
    [2, 100, 40, 400, 0.00776350029564614],
    [7, 100, 30, 1000, 0.07135637162712727],
  ])('%p of %p against %p of %p: p = %p (scipy)', (x1, n1, x2, n2, p) => {
    expect(fisherExactTest(x1, n1, x2, n2).pValue).toBeCloseTo(p, 12);
    // Swapping the rows is the same table.
    expect(fisherExactTest(x2, n2, x1, n1).pValue).toBeCloseTo(p, 12);
  });

  it('is 1 when the margins leave a single table', () => {
    expect(fisherExactTest(0, 5, 0, 7).pValue).toBe(1);
    expect(fisherExactTest(5, 5, 7, 7).pValue).toBe(1);
  });

  it('handles large margins without overflow', () => {
    const result = fisherExactTest(3, 50_000, 40, 60_000);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(1e-5);
  });
});

describe('compareProportions', () => {
  it('takes the z-test when every expected cell is at least 5, else Fisher', () => {
    // p̂ = 70/500: expected cells of the smaller row 14 and 86 → z
    expect(compareProportions(30, 100, 40, 400, 5).test).toBe('two-proportion-z');
    // p̂ = 42/500: the smallest expected cell is 100 × 0.084 = 8.4 ≥ 5 → z
    expect(compareProportions(2, 100, 40, 400, 5).test).toBe('two-proportion-z');
    // p̂ = 5/20 with rows of 10: expected 2.5 → Fisher
    expect(compareProportions(0, 10, 5, 10, 5).test).toBe('fisher-exact');
    expect(compareProportions(0, 10, 5, 10, 5).pValue).toBeCloseTo(0.032507739938080496, 12);
  });
});

describe('intervals', () => {
  it("Wilson's interval: 81 of 263 (Newcombe 1998a: 0.2553 to 0.3662)", () => {
    const interval = wilsonInterval(81, 263, 0.95);
    expect(interval.low).toBeCloseTo(0.2552885198782742, 12);
    expect(interval.high).toBeCloseTo(0.36620957698280004, 12);
  });

  it.each([
    // Newcombe (1998), "Interval estimation for the difference between independent proportions",
    // Table II, method 10: (a) 56/70 − 48/80, (b) 9/10 − 3/10, (e) 5/56 − 0/29, (h) 0/10 − 0/20.
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
  ])('Newcombe hybrid score: %p/%p − %p/%p from %p to %p', (x1, n1, x2, n2, low, high) => {
    const interval = newcombeInterval(x1, n1, x2, n2, 0.95);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('z of a level', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForLevel(0.99)).toBeCloseTo(2.5758293035489004, 14);
    expect(() => zForLevel(1)).toThrow(RangeError);
  });
});

describe('effect sizes', () => {
  it("Cohen's h", () => {
    // 2·asin√0.3 − 2·asin√0.1 = 2 × (0.5796397 − 0.3217506) = 0.5157783
    expect(cohensH(0.3, 0.1)).toBeCloseTo(0.5157782, 6);
    expect(cohensH(0.1, 0.3)).toBeCloseTo(-0.5157782, 6);
    expect(cohensH(1, 0)).toBeCloseTo(Math.PI, 12);
    expect(cohensH(0.4, 0.4)).toBe(0);
  });
});

describe('compareNps', () => {
  it('two NPS: 50 promoters, 30 passives, 20 detractors against 30 / 30 / 40', () => {
    // one: m = 0.5 − 0.2 = 0.3, v = 0.5 + 0.2 − 0.09 = 0.61; two: m = 0.3 − 0.4 = −0.1, v = 0.7 − 0.01 = 0.69
    // SE = √(0.61/100 + 0.69/100) = √0.013 = 0.1140175; z = 0.4 / 0.1140175 = 3.5082321
    // p = 2(1 − Φ(3.5082321)) = 4.5109535e-4 (scipy); CI = 40 ± 1.959964 × 11.40175 = 17.653 … 62.347
    // d = 0.4 / √((0.61 + 0.69) / 2) = 0.4 / 0.8062258 = 0.4961389
    const result = compareNps(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 30, passives: 30, detractors: 40 },
      0.95,
    );
    expect(result.test).toBe('nps-difference-z');
    expect(result.nps1).toBeCloseTo(30, 10);
    expect(result.nps2).toBeCloseTo(-10, 10);
    expect(result.difference).toBeCloseTo(40, 10);
    expect(result.statistic).toBeCloseTo(3.5082320772281164, 10);
    expect(result.pValue / 4.510953476143039e-4).toBeCloseTo(1, 10);
    expect(result.interval.low).toBeCloseTo(17.653, 3);
    expect(result.interval.high).toBeCloseTo(62.347, 3);
    expect(result.cohensD).toBeCloseTo(0.4961389, 6);
  });

  it('with no spread on either side the difference is certain', () => {
    const same = compareNps(
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 5, passives: 0, detractors: 0 },
      0.95,
    );
    expect(same).toMatchObject({ statistic: null, pValue: 1, difference: 0, cohensD: null });
    const opposite = compareNps(
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 5 },
      0.95,
    );
    expect(opposite).toMatchObject({ statistic: null, pValue: 0, difference: 200 });
  });
});

describe('adjustPValues', () => {
  // p = 0.01, 0.04, 0.03, 0.005, 0.5 (m = 5); sorted 0.005, 0.01, 0.03, 0.04, 0.5.
  it('Benjamini–Hochberg: m·p₍ᵢ₎/i = 0.025, 0.025, 0.05, 0.05, 0.5, then the running minimum from the top', () => {
    // scipy.stats.false_discovery_control(p, method='bh') = [0.025, 0.05, 0.05, 0.025, 0.5]
    const adjusted = adjustPValues([0.01, 0.04, 0.03, 0.005, 0.5], 'benjamini-hochberg');
    [0.025, 0.05, 0.05, 0.025, 0.5].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15));
  });

  it('Holm: (m − i + 1)·p₍ᵢ₎ = 0.025, 0.04, 0.09, 0.08, 0.5, then the running maximum', () => {
    const adjusted = adjustPValues([0.01, 0.04, 0.03, 0.005, 0.5], 'holm');
    [0.04, 0.09, 0.09, 0.025, 0.5].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15));
  });

  it('never goes above 1 or below the raw p-value, and leaves a single test alone', () => {
    const holm = adjustPValues([0.3, 0.6, 0.9], 'holm');
    expect(holm[0]).toBeCloseTo(0.9, 15);
    expect(holm.slice(1)).toEqual([1, 1]);
    expect(adjustPValues([0.02], 'benjamini-hochberg')).toEqual([0.02]);
    expect(adjustPValues([], 'holm')).toEqual([]);
    const raw = [0.001, 0.2, 0.04, 0.04, 0.7];
    for (const correction of ['benjamini-hochberg', 'holm'] as const) {
      adjustPValues(raw, correction).forEach((p, i) => {
        expect(p).toBeGreaterThanOrEqual(raw[i]);
        expect(p).toBeLessThanOrEqual(1);
      });
    }
  });
});

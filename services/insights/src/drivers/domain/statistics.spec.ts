import { normalSurvival, twoSidedNormalP } from '../../statistics/domain/normal-distribution';
import { adjustPValues, npsDifferenceZTest, npsEstimate, twoProportionZTest } from './statistics';

/** |actual − expected| ≤ tolerance × |expected|: tail probabilities are compared relatively. */
function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-8): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('normalSurvival', () => {
  it('matches reference values of 1 − Φ(x) to 1e-8 relative, deep into the tail', () => {
    // References: scipy.stats.norm.sf.
    expectRelativelyClose(normalSurvival(1.96), 0.024997895148220435, 1e-12);
    expectRelativelyClose(normalSurvival(1), 0.15865525393145707, 1e-12);
    expectRelativelyClose(normalSurvival(3), 0.0013498980316300933, 1e-12);
    expectRelativelyClose(normalSurvival(2.5758293035489), 0.005, 1e-12);
    expectRelativelyClose(normalSurvival(8), 6.22096057427174e-16);
    expectRelativelyClose(normalSurvival(10), 7.61985302416047e-24);
    expectRelativelyClose(normalSurvival(-0.5), 0.6914624612740131);
    expect(normalSurvival(0)).toBe(0.5);
    expect(normalSurvival(40)).toBe(0);
    expect(normalSurvival(-40)).toBe(1);
  });

  it('gives two-sided p-values', () => {
    expectRelativelyClose(twoSidedNormalP(1.96), 0.04999579029644087);
    expectRelativelyClose(twoSidedNormalP(-1.96), 0.04999579029644087);
    expect(twoSidedNormalP(0)).toBe(1);
  });
});

describe('twoProportionZTest', () => {
  it('tests two shares with the pooled standard error (worked example)', () => {
    // With: 12 of 30 satisfied (0.4). Without: 56 of 70 (0.8).
    // pooled p̂ = 68 / 100 = 0.68; SE = √(0.68 · 0.32 · (1/30 + 1/70)) = √(0.2176 · 0.0476190) = √0.0103619
    //   = 0.1017934; z = (0.4 − 0.8) / 0.1017934 = −3.929526; p = 2 · Q(3.929526) = 8.5113e-5
    const test = twoProportionZTest(12, 30, 56, 70)!;
    expect(test.z).toBeCloseTo(-3.929526, 5);
    expectRelativelyClose(test.p, 8.511338880766726e-5, 1e-6);
  });

  it('is symmetric: swapping the sides flips z only', () => {
    const a = twoProportionZTest(12, 30, 56, 70)!;
    const b = twoProportionZTest(56, 70, 12, 30)!;
    expect(b.z).toBeCloseTo(-a.z, 12);
    expect(b.p).toBeCloseTo(a.p, 15);
  });

  it('finds no difference when every answer on both sides is the same (SE = 0)', () => {
    expect(twoProportionZTest(10, 10, 40, 40)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZTest(0, 10, 0, 40)).toEqual({ z: 0, p: 1 });
  });

  it('is null when a side has no answer', () => {
    expect(twoProportionZTest(0, 0, 3, 5)).toBeNull();
    expect(twoProportionZTest(3, 5, 0, 0)).toBeNull();
  });
});

describe('npsDifferenceZTest', () => {
  it('is the estimator behind the NPS confidence interval', () => {
    // 5 promoters, 3 passives, 2 detractors (net-promoter-score.spec.ts): NPS 0.3, var = (0.7 − 0.09) / 10 = 0.061
    const estimate = npsEstimate({ promoters: 5, passives: 3, detractors: 2 })!;
    expect(estimate.nps).toBeCloseTo(0.3, 12);
    expect(estimate.variance).toBeCloseTo(0.061, 12);
    expect(npsEstimate({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it('tests two NPS values with unpooled (Welch) variances (worked example)', () => {
    // With: 10 promoters, 5 passives, 15 detractors (n 30): p₊ = 1/3, p₋ = 1/2, NPS = −1/6 = −0.166667;
    //   var = (1/3 + 1/2 − (1/6)²) / 30 = (0.833333 − 0.027778) / 30 = 0.0268519
    // Without: 40 / 20 / 10 (n 70): p₊ = 4/7, p₋ = 1/7, NPS = 3/7 = 0.428571;
    //   var = (5/7 − (3/7)²) / 70 = (0.714286 − 0.183673) / 70 = 0.00758017
    // SE = √(0.0268519 + 0.00758017) = √0.0344320 = 0.1855587
    // z = (−0.166667 − 0.428571) / 0.1855587 = −3.207816; p = 2 · Q(3.207816) = 0.00133747
    const test = npsDifferenceZTest(
      { promoters: 10, passives: 5, detractors: 15 },
      { promoters: 40, passives: 20, detractors: 10 },
    )!;
    expect(test.z).toBeCloseTo(-3.207816, 5);
    expectRelativelyClose(test.p, 0.0013374712270789756, 1e-6);
  });

  it('falls back to the pooled SE when each side answered in one category only', () => {
    // 5 promoters vs 5 detractors: both variances 0. Pooled: p₊ = p₋ = 0.5, per-answer variance
    // 0.5 + 0.5 − 0² = 1, SE = √(1 · (1/5 + 1/5)) = 0.632456; z = (1 − (−1)) / 0.632456 = 3.162278;
    // p = 2 · Q(3.162278) = 0.00156540
    const test = npsDifferenceZTest(
      { promoters: 5, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 5 },
    )!;
    expect(test.z).toBeCloseTo(3.162278, 5);
    expect(test.p).toBeCloseTo(0.0015654, 6);
    // Both all promoters: nothing differs.
    expect(
      npsDifferenceZTest(
        { promoters: 3, passives: 0, detractors: 0 },
        { promoters: 9, passives: 0, detractors: 0 },
      ),
    ).toEqual({ z: 0, p: 1 });
  });

  it('is null when a side has no answer', () => {
    expect(
      npsDifferenceZTest(
        { promoters: 0, passives: 0, detractors: 0 },
        { promoters: 1, passives: 0, detractors: 0 },
      ),
    ).toBeNull();
  });
});

describe('adjustPValues', () => {
  const p = [0.01, 0.04, 0.03, 0.005];

  it('Benjamini–Hochberg: p₍ᵢ₎ · m / i, made monotone from the largest down (worked example)', () => {
    // sorted: 0.005 (i 1), 0.01 (2), 0.03 (3), 0.04 (4); m = 4
    // p · m / i: 0.02, 0.02, 0.04, 0.04; running minimum from the right: 0.02, 0.02, 0.04, 0.04
    const adjusted = adjustPValues(p, 'benjamini-hochberg') as number[];
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    // Monotonicity: 0.01, 0.02, 0.021 → 0.03, 0.03, 0.021 → the running minimum makes all 0.021.
    (adjustPValues([0.01, 0.02, 0.021], 'benjamini-hochberg') as number[]).forEach((q) =>
      expect(q).toBeCloseTo(0.021, 12),
    );
  });

  it('Holm: (m − i + 1) · p₍ᵢ₎, made monotone from the smallest up (worked example)', () => {
    // 0.005 · 4 = 0.02, 0.01 · 3 = 0.03, 0.03 · 2 = 0.06, 0.04 · 1 = 0.04 → running max 0.02, 0.03, 0.06, 0.06
    const adjusted = adjustPValues(p, 'holm') as number[];
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('Bonferroni multiplies by m; none keeps p; every method caps at 1', () => {
    expect(adjustPValues(p, 'bonferroni')).toEqual([0.04, 0.16, 0.12, 0.02]);
    expect(adjustPValues(p, 'none')).toEqual(p);
    expect(adjustPValues([0.5, 0.9], 'bonferroni')).toEqual([1, 1]);
    expect(adjustPValues([0.6, 0.9], 'holm')).toEqual([1, 1]);
    expect(adjustPValues([0.9, 0.95], 'benjamini-hochberg')).toEqual([0.95, 0.95]);
  });

  it('leaves untested themes out of the family (m counts tests, not rows)', () => {
    // m = 2, not 4: 0.01 · 2 / 1 = 0.02, 0.04 · 2 / 2 = 0.04
    const adjusted = adjustPValues([null, 0.04, null, 0.01], 'benjamini-hochberg');
    expect(adjusted[0]).toBeNull();
    expect(adjusted[2]).toBeNull();
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
    expect(adjustPValues([], 'holm')).toEqual([]);
  });
});

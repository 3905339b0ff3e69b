import { erf, erfc, normalCdf, normalQuantile, normalSurvival, twoSidedNormalP } from './normal-distribution';

/** |actual − expected| ≤ relative × |expected| (a relative error, meaningful in the far tails). */
function expectRelative(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('erf and erfc', () => {
  // Reference values: mpmath at 30 digits (mp.erf, mp.erfc), rounded to 17 significant digits.
  const REFERENCE: Array<[number, number, number]> = [
    [0.1, 0.1124629160182849, 0.887537083981715],
    [0.3, 0.3286267594591274, 0.6713732405408726],
    [0.46875, 0.49261347321793797, 0.507386526782062], // the edge of Cody's first interval
    [0.5, 0.5204998778130465, 0.4795001221869535],
    [1, 0.8427007929497149, 0.15729920705028513],
    [1.5, 0.9661051464753108, 0.033894853524689274],
    [2, 0.9953222650189527, 0.004677734981047266],
    [3, 0.9999779095030014, 0.00002209049699858544],
    [3.9, 0.9999999652077514, 3.4792248597231765e-8],
    [4, 0.9999999845827421, 1.541725790028002e-8], // the edge of the second interval
    [4.5, 0.9999999998033839, 1.9661604415428876e-10],
    [6, 1, 2.1519736712498913e-17],
    [10, 1, 2.088487583762545e-45],
    [20, 1, 5.395865611607901e-176],
    [26, 1, 5.663192408856143e-296],
  ];

  it.each(REFERENCE)('erf and erfc at %p agree with mpmath to 1e-14 relative', (x, erfX, erfcX) => {
    expectRelative(erf(x), erfX, 1e-14);
    expectRelative(erfc(x), erfcX, 1e-13);
    // Odd and complementary: erf(−x) = −erf(x), erfc(−x) = 2 − erfc(x).
    expectRelative(erf(-x), -erfX, 1e-14);
    expectRelative(erfc(-x), 2 - erfcX, 1e-14);
  });

  it('is far inside the 1e-7 absolute error the detector needs, across a dense grid', () => {
    // erf + erfc = 1 is an identity only the central interval shares; elsewhere both are computed
    // independently of that, so checking it is a check of the approximations against each other.
    for (let x = -8; x <= 8; x += 0.001) {
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(1e-15);
    }
  });

  it('handles the edges: 0, infinities, NaN, and underflow beyond 26.5', () => {
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(27)).toBe(0);
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
  });
});

describe('normal CDF and tails', () => {
  it('gives the textbook values', () => {
    expect(normalCdf(0)).toBe(0.5);
    // scipy.stats.norm.sf: 1.96 → 0.024997895148220435, 2.54 → 0.005542623443082601
    expectRelative(normalSurvival(1.96), 0.024997895148220435, 1e-13);
    expectRelative(normalCdf(-1.96), 0.024997895148220435, 1e-13);
    expectRelative(normalCdf(1.96), 0.9750021048517795, 1e-15);
    expectRelative(twoSidedNormalP(2.54), 0.011085246886165202, 1e-13);
    expectRelative(twoSidedNormalP(-2.54), 0.011085246886165202, 1e-13);
  });

  it('keeps its relative precision far in the tail (never 1 − Φ)', () => {
    // scipy.stats.norm.sf(5), (8.5), (10)
    expectRelative(normalSurvival(5), 2.866515718791933e-7, 1e-13);
    expectRelative(normalSurvival(8.5), 9.47953482220325e-18, 1e-13);
    expectRelative(twoSidedNormalP(10), 1.523970604832094e-23, 1e-13);
    expect(twoSidedNormalP(0)).toBe(1);
  });
});

describe('normalQuantile', () => {
  // scipy.stats.norm.ppf
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9995, 3.2905267314919255],
    [0.9, 1.2815515655446004],
    [0.01, -2.3263478740408408],
    [0.02425, -1.972961051311885], // the seam of Acklam's regions
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%p) = %p', (p, z) => {
    expectRelative(normalQuantile(p), z, 1e-14);
  });

  it('inverts the CDF from far in the lower tail to z = 5', () => {
    // Above that, p = Φ(z) itself is 1 − ε with too few digits left to say which z it was.
    for (let z = -8; z <= 5; z += 0.01) {
      const p = normalCdf(z);
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9 * Math.max(1, Math.abs(z)));
    }
  });

  it('is ±∞ at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(-0.1)).toBeNaN();
  });
});

import { normalQuantile, twoSidedNormalP } from '../../statistics/domain/normal-distribution';

/**
 * Two-sample tests and intervals for shares (x of n) and for NPS. Every function is pure and takes
 * counts, so each figure an insight reports can be recomputed from the counts it carries.
 */

export type ProportionTestName = 'two-proportion-z' | 'fisher-exact';

export interface TestResult {
  test: ProportionTestName | 'nps-difference-z';
  /** The z statistic; null for Fisher's exact test, which has none. */
  statistic: number | null;
  /** Two-sided. */
  pValue: number;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Two-proportion z-test of H₀: p₁ = p₂, two-sided, with the pooled standard error:
 *
 *   p̂ = (x₁ + x₂) / (n₁ + n₂),  SE = √(p̂(1 − p̂)(1/n₁ + 1/n₂)),  z = (x₁/n₁ − x₂/n₂) / SE
 *
 * When p̂ is 0 or 1 both samples are identical (all or none) and p = 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { test: 'two-proportion-z', statistic: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { test: 'two-proportion-z', statistic: z, pValue: twoSidedNormalP(z) };
}

/**
 * Fisher's exact test of the 2×2 table [[x₁, n₁ − x₁], [x₂, n₂ − x₂]], two-sided: the sum of the
 * hypergeometric probabilities (margins fixed) of every table no more likely than the observed one
 * (with R's relative tolerance of 1e-7 for ties). Probabilities come from the ratio of consecutive
 * terms, relative to the mode, so there is no factorial to overflow; the cost is linear in the
 * smaller margin.
 */
export function fisherExactTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  const total = n1 + n2;
  const successes = x1 + x2;
  const low = Math.max(0, n1 - (total - successes));
  const high = Math.min(successes, n1);
  if (low === high) return { test: 'fisher-exact', statistic: null, pValue: 1 };
  // P(k + 1) / P(k) for X ~ Hypergeometric(total, successes, n1).
  const ratio = (k: number): number =>
    ((successes - k) * (n1 - k)) / ((k + 1) * (total - successes - n1 + k + 1));
  const mode = Math.min(high, Math.max(low, Math.floor(((n1 + 1) * (successes + 1)) / (total + 2))));
  const weights = new Float64Array(high - low + 1);
  weights[mode - low] = 1;
  for (let k = mode; k < high; k++) weights[k + 1 - low] = weights[k - low] * ratio(k);
  for (let k = mode; k > low; k--) weights[k - 1 - low] = weights[k - low] / ratio(k - 1);
  let sum = 0;
  for (const weight of weights) sum += weight;
  const observed = weights[x1 - low] * (1 + 1e-7);
  let tail = 0;
  for (const weight of weights) if (weight <= observed) tail += weight;
  return { test: 'fisher-exact', statistic: null, pValue: Math.min(1, tail / sum) };
}

/**
 * The test for two shares: the z-test when every expected cell of the 2×2 table (under H₀) is at
 * least `minExpected` (the usual rule: 5), else Fisher's exact test, whose p-value is exact where
 * the normal approximation is poor.
 */
export function compareProportions(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  minExpected: number,
): TestResult {
  const pooled = (x1 + x2) / (n1 + n2);
  const smallestExpected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
  return smallestExpected >= minExpected
    ? twoProportionZTest(x1, n1, x2, n2)
    : fisherExactTest(x1, n1, x2, n2);
}

/** Wilson's score interval of a share x / n at the given two-sided confidence level. */
export function wilsonInterval(x: number, n: number, level: number): Interval {
  checkCounts(x, n);
  const z = zForLevel(level);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval for p₁ − p₂ (Newcombe 1998, method 10), from the two Wilson
 * intervals (l₁, u₁), (l₂, u₂):
 *
 *   δ − √((p₁ − l₁)² + (u₂ − p₂)²)  …  δ + √((u₁ − p₁)² + (p₂ − l₂)²)
 *
 * Unlike the Wald interval it stays inside [−1, 1] and is not degenerate at 0 or n.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, level: number): Interval {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const one = wilsonInterval(x1, n1, level);
  const two = wilsonInterval(x2, n2, level);
  const delta = p1 - p2;
  return {
    low: delta - Math.sqrt((p1 - one.low) ** 2 + (two.high - p2) ** 2),
    high: delta + Math.sqrt((one.high - p1) ** 2 + (p2 - two.low) ** 2),
  };
}

/** Cohen's h, the effect size of two shares: 2·asin√p₁ − 2·asin√p₂ (0.2 small, 0.5 medium, 0.8 large). */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Answers to the NPS question: 9–10, 7–8, 0–6. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsComparison extends TestResult {
  /** NPS (−100…100) of each sample. */
  nps1: number;
  nps2: number;
  /** nps1 − nps2, in NPS points. */
  difference: number;
  interval: Interval;
  /** Cohen's d of the per-answer scores (+1 promoter, 0 passive, −1 detractor); null when both have no spread. */
  cohensD: number | null;
}

/**
 * Two NPS compared as the means of per-answer scores +1 / 0 / −1 (NPS = 100 × mean). Each mean's
 * variance is (p₊ + p₋ − (p₊ − p₋)²) / n, so the Wald statistic of the difference is
 *
 *   z = (m₁ − m₂) / √(v₁/n₁ + v₂/n₂),   CI = 100 · ((m₁ − m₂) ± z_{level} · √(v₁/n₁ + v₂/n₂))
 *
 * (the interval `netPromoterScore` gives one NPS, extended to a difference of independent samples).
 * With no spread on either side the difference is certain: p = 0 if it is not zero, 1 if it is.
 */
export function compareNps(one: NpsCounts, two: NpsCounts, level: number): NpsComparison {
  const a = npsMoments(one);
  const b = npsMoments(two);
  const difference = a.mean - b.mean;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const z = zForLevel(level);
  const pooledSd = Math.sqrt((a.variance + b.variance) / 2);
  const result = {
    test: 'nps-difference-z' as const,
    nps1: 100 * a.mean,
    nps2: 100 * b.mean,
    difference: 100 * difference,
    interval: { low: 100 * (difference - z * se), high: 100 * (difference + z * se) },
    cohensD: pooledSd > 0 ? difference / pooledSd : null,
  };
  if (!(se > 0)) return { ...result, statistic: null, pValue: difference === 0 ? 1 : 0 };
  const statistic = difference / se;
  return { ...result, statistic, pValue: twoSidedNormalP(statistic) };
}

function npsMoments(counts: NpsCounts): { n: number; mean: number; variance: number } {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (!(n > 0)) throw new RangeError('an NPS needs at least one answer');
  const promoters = counts.promoters / n;
  const detractors = counts.detractors / n;
  const mean = promoters - detractors;
  return { n, mean, variance: Math.max(0, promoters + detractors - mean * mean) };
}

/** z of a two-sided interval: 1.959963984540054 for 0.95. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  return normalQuantile(1 - (1 - level) / 2);
}

function checkCounts(x: number, n: number): void {
  if (!(Number.isInteger(x) && Number.isInteger(n) && n > 0 && x >= 0 && x <= n)) {
    throw new RangeError(`a share needs whole counts 0 ≤ x ≤ n, n > 0; got ${x} of ${n}`);
  }
}

import { twoSidedNormalP } from '../../statistics/domain/normal-distribution';

export { adjustPValues, P_VALUE_CORRECTIONS } from '../../statistics/domain/p-value-adjustment';
export type { PValueCorrection } from '../../statistics/domain/p-value-adjustment';

/** A z statistic and its two-sided p-value. */
export interface ZTest {
  z: number;
  p: number;
}

/** NPS answers of one group by category. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Two-proportion z-test (pooled), H0: p₁ = p₂.
 *
 *   p̂ = (x₁ + x₂) / (n₁ + n₂), SE = √(p̂(1 − p̂)(1/n₁ + 1/n₂)), z = (x₁/n₁ − x₂/n₂) / SE
 *
 * Null when a side has no observation. When every observation is a success (or none is), both shares
 * are equal and SE = 0: z = 0, p = 1. Pure.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: twoSidedNormalP(z) };
}

/**
 * NPS as a share (−1…1) and the variance of that estimate: each answer scores +1 (promoter), 0
 * (passive) or −1 (detractor), NPS is their mean, and var = (p₊ + p₋ − (p₊ − p₋)²) / n — the variance
 * behind the NPS confidence interval of satisfaction/domain/net-promoter-score.ts. Null without answers.
 */
export function npsEstimate(counts: NpsCounts): { nps: number; variance: number } | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n <= 0) return null;
  const plus = counts.promoters / n;
  const minus = counts.detractors / n;
  const nps = plus - minus;
  return { nps, variance: Math.max(0, (plus + minus - nps * nps) / n) };
}

/**
 * Difference of two independent NPS values, Welch-style (unpooled): z = (NPS₁ − NPS₂) / √(var₁ + var₂),
 * each variance that of its own group. When both variances are 0 (each group answered in one category
 * only) the unpooled SE says nothing, so the SE under H0 is used instead: both groups pooled into one
 * trinomial, var = (p₊ + p₋ − (p₊ − p₋)²)(1/n₁ + 1/n₂); if that is 0 too the groups are identical
 * (z = 0, p = 1). Null when a side has no answer. Pure.
 */
export function npsDifferenceZTest(a: NpsCounts, b: NpsCounts): ZTest | null {
  const first = npsEstimate(a);
  const second = npsEstimate(b);
  if (!first || !second) return null;
  const difference = first.nps - second.nps;
  let se = Math.sqrt(first.variance + second.variance);
  if (!(se > 0)) {
    const pooled = npsEstimate({
      promoters: a.promoters + b.promoters,
      passives: a.passives + b.passives,
      detractors: a.detractors + b.detractors,
    })!;
    const n1 = a.promoters + a.passives + a.detractors;
    const n2 = b.promoters + b.passives + b.detractors;
    // pooled.variance is var(one answer) / (n₁ + n₂); rescale it to the difference of the two means.
    se = Math.sqrt(pooled.variance * (n1 + n2) * (1 / n1 + 1 / n2));
  }
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = difference / se;
  return { z, p: twoSidedNormalP(z) };
}

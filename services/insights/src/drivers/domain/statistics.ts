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
 * The upper tail of the standard normal distribution, Q(x) = 1 − Φ(x) (Hart's algorithm 5666 as given
 * by G. West, "Better approximations to cumulative normal functions", 2005): relative error below 1e-8
 * at any x (below 1e-12 up to |x| = 4), checked against scipy. Computed on |x| directly, so small
 * tails keep their relative precision instead of vanishing in 1 − Φ. Pure.
 */
export function normalUpperTail(x: number): number {
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) tail = 0;
  else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 8.83883476483184e-2 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let f = a + 0.65;
      f = a + 4 / f;
      f = a + 3 / f;
      f = a + 2 / f;
      f = a + 1 / f;
      tail = e / f / 2.506628274631;
    }
  }
  return x >= 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). Pure. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
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
  return { z, p: twoSidedP(z) };
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
  return { z, p: twoSidedP(z) };
}

export const P_VALUE_CORRECTIONS = ['benjamini-hochberg', 'holm', 'bonferroni', 'none'] as const;
/**
 * How p-values are adjusted for testing many themes at once: Benjamini–Hochberg controls the false
 * discovery rate (the expected share of false findings among the significant ones); Holm and
 * Bonferroni the family-wise error rate (the chance of any false finding), Holm uniformly more
 * powerful; `none` leaves them as they are.
 */
export type PValueCorrection = (typeof P_VALUE_CORRECTIONS)[number];

/**
 * Adjusted p-values, in the input's order; nulls (tests not run) are not part of the family and stay
 * null. With m tests and p₍₁₎ ≤ … ≤ p₍ₘ₎:
 *
 *   Benjamini–Hochberg  q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎ · m / j
 *   Holm                q₍ᵢ₎ = max over j ≤ i of (m − j + 1) · p₍ⱼ₎
 *   Bonferroni          qᵢ = m · pᵢ
 *
 * each capped at 1. A test is significant at level α when its adjusted p-value is < α. Pure.
 */
export function adjustPValues(
  pValues: ReadonlyArray<number | null>,
  method: PValueCorrection,
): Array<number | null> {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((t): t is { p: number; index: number } => t.p !== null)
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = tested.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  if (method === 'none' || method === 'bonferroni') {
    for (const { p, index } of tested) adjusted[index] = method === 'none' ? p : Math.min(1, p * m);
  } else if (method === 'holm') {
    let running = 0;
    tested.forEach(({ p, index }, i) => {
      running = Math.max(running, Math.min(1, (m - i) * p));
      adjusted[index] = running;
    });
  } else {
    let running = 1;
    for (let i = m - 1; i >= 0; i--) {
      running = Math.min(running, (tested[i].p * m) / (i + 1));
      adjusted[tested[i].index] = running;
    }
  }
  return adjusted;
}

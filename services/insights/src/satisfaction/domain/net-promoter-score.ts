/** NPS with its 95% confidence interval, each on −100…+100. */
export interface NetPromoterScore {
  score: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
const Z_95 = 1.96;

/**
 * NPS = %promoters − %detractors, with the normal-approximation 95% interval of a difference of two
 * shares of the same trinomial sample (promoter / passive / detractor):
 *
 *   p₊ = promoters / n, p₋ = detractors / n, NPS = (p₊ − p₋) · 100
 *   var(p₊ − p₋) = (p₊ + p₋ − (p₊ − p₋)²) / n
 *   CI = NPS ± 1.96 · √var · 100, clipped to [−100, 100]
 *
 * Null when nobody answered. With few responses the interval is only indicative (a Wald interval: it
 * is 0 wide when every answer falls in one category). Pure; not rounded.
 */
export function netPromoterScore(
  promoters: number,
  passives: number,
  detractors: number,
): NetPromoterScore | null {
  const n = promoters + passives + detractors;
  if (n <= 0) return null;
  const pPromoters = promoters / n;
  const pDetractors = detractors / n;
  const difference = pPromoters - pDetractors;
  const variance = Math.max(0, (pPromoters + pDetractors - difference * difference) / n);
  const halfWidth = Z_95 * Math.sqrt(variance) * 100;
  const score = difference * 100;
  return {
    score,
    low: Math.max(-100, score - halfWidth),
    high: Math.min(100, score + halfWidth),
  };
}

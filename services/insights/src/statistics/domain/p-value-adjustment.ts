/** Adjusting the p-values of a family of tests (shared by persona signals and satisfaction drivers). Pure. */

export const P_VALUE_CORRECTIONS = ['benjamini-hochberg', 'holm', 'bonferroni', 'none'] as const;
/**
 * How p-values are adjusted for testing many hypotheses at once: Benjamini–Hochberg controls the false
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

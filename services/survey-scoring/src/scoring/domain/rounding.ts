/**
 * How published scores are rounded. Everything is computed at full (double) precision and rounded once,
 * on the way out, to SCORE_DECIMALS places: enough for any report, and it keeps floating-point noise
 * (0.25000000000000006) out of events, databases and comparisons.
 */
export const SCORE_DECIMALS = 4;
const SCALE = 10 ** SCORE_DECIMALS;

/** Rounds half up to SCORE_DECIMALS places. Monotone (a ≤ b ⇒ round(a) ≤ round(b)); never returns −0. */
export function roundScore(value: number): number {
  return Math.round(value * SCALE) / SCALE + 0; // + 0 turns −0 into 0
}

/**
 * Rounds weights that add up to `total` (within floating-point error) so that the rounded weights
 * still add up to `total`: largest-remainder (Hamilton) rounding in units of 10^−SCORE_DECIMALS. Each
 * weight is floored, and the units left over go one each to the weights that lost the most, the
 * earlier weight first on a tie. A weight therefore moves by less than one unit (0.0001), never
 * below 0 and never above `total`.
 */
export function roundWeights(weights: readonly number[], total = 100): number[] {
  const count = weights.length;
  const units = new Array<number>(count);
  const remainders = new Array<number>(count);
  let assigned = 0;
  for (let i = 0; i < count; i++) {
    const exact = weights[i] * SCALE;
    const floor = Math.floor(exact);
    units[i] = floor;
    remainders[i] = exact - floor;
    assigned += floor;
  }
  let left = Math.round(total * SCALE - assigned);
  while (left > 0) {
    let largest = -1;
    for (let i = 0; i < count; i++) {
      if (remainders[i] >= 0 && (largest < 0 || remainders[i] > remainders[largest])) largest = i;
    }
    if (largest < 0) break; // every weight has had its unit already (cannot happen for a true total)
    units[largest] += 1;
    remainders[largest] = -1;
    left--;
  }
  for (let i = 0; i < count; i++) units[i] /= SCALE;
  return units;
}

import { SATISFACTION_LEVELS, SatisfactionLevel } from '@supportlens/contracts';

/** The largest possible gap on the 1–7 SERVQUAL scale: 7 − 1. */
export const MAX_GAP = 6;

/**
 * Σ weightᵢ × gapᵢ / 100 over the scored dimensions (weights adding up to 100, so this is a weighted
 * mean of the gaps and stays within −6…+6; clamped there against floating-point overshoot).
 */
export function weightedGapOf(gaps: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < gaps.length; i++) sum += weights[i] * gaps[i];
  return clampGap(sum / 100);
}

export function clampGap(gap: number): number {
  return gap < -MAX_GAP ? -MAX_GAP : gap > MAX_GAP ? MAX_GAP : gap;
}

/**
 * The weighted gap on 0–100: (gap + 6) / 12 × 100. 0 = every expectation missed by 6 points, 50 = met
 * exactly, 100 = exceeded by 6.
 */
export function qualityIndexOf(weightedGap: number): number {
  return ((clampGap(weightedGap) + MAX_GAP) / (2 * MAX_GAP)) * 100;
}

/**
 * Below, at or above expectation. With tolerance t (half-width of the "met" band, in scale points):
 * gap < −t → dissatisfied; −t ≤ gap ≤ t → satisfied; gap > t → delighted. Monotone in the gap. A
 * negative or non-number tolerance counts as 0 (the band is then the single point gap = 0).
 */
export function satisfactionLevelOf(weightedGap: number, tolerance: number): SatisfactionLevel {
  const band = tolerance > 0 ? tolerance : 0;
  if (weightedGap < -band) return 'dissatisfied';
  if (weightedGap > band) return 'delighted';
  return 'satisfied';
}

/** Orders levels dissatisfied < satisfied < delighted: negative, 0 or positive, like a comparator. */
export function compareLevels(a: SatisfactionLevel, b: SatisfactionLevel): number {
  return SATISFACTION_LEVELS.indexOf(a) - SATISFACTION_LEVELS.indexOf(b);
}

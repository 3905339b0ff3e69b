import { adjustPValues as adjust } from '../../statistics/domain/p-value-adjustment';

export const CORRECTIONS = ['benjamini-hochberg', 'holm'] as const;
/**
 * How the p-values of one segment's many comparisons are adjusted: Benjamini–Hochberg controls the
 * false discovery rate (the share of raised signals that are flukes) and keeps its power when a
 * segment has dozens of issue codes; Holm controls the family-wise error rate (the chance of any
 * fluke at all), stricter.
 */
export type Correction = (typeof CORRECTIONS)[number];

/**
 * Adjusted p-values, in the order given: a comparison is significant at level α when its adjusted
 * p-value is below α. With p₍₁₎ ≤ … ≤ p₍ₘ₎:
 *
 *   Benjamini–Hochberg  p̃₍ᵢ₎ = min over j ≥ i of min(1, m · p₍ⱼ₎ / j)
 *   Holm                p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎)
 *
 * (the step-up and step-down forms, as R's `p.adjust` computes them). Pure.
 */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  return adjust(pValues, correction) as number[];
}

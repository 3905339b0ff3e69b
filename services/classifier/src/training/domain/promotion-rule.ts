import { Evaluation } from '../../model/domain/text-model';

/** How much macro-F1 a new model may lose against the promoted one and still replace it (noise). */
export const PROMOTION_TOLERANCE = 0.005;

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/**
 * A new model replaces the promoted one only if it is not worse on the same held-out examples (both
 * are evaluated on the candidate's holdout), unless the operator forces it. Pure.
 */
export function decidePromotion(
  candidate: Evaluation,
  current: Evaluation | undefined,
  force: boolean,
): PromotionDecision {
  if (!current) return { promote: true, reason: 'no model was promoted yet' };
  const delta = candidate.macroF1 - current.macroF1;
  const comparison = `macro-F1 ${candidate.macroF1.toFixed(4)} vs ${current.macroF1.toFixed(4)} on the same holdout`;
  if (delta >= -PROMOTION_TOLERANCE) return { promote: true, reason: `not worse: ${comparison}` };
  if (force) return { promote: true, reason: `forced although worse: ${comparison}` };
  return { promote: false, reason: `worse: ${comparison}; pass force to promote it anyway` };
}

import {
  ServqualAnswers,
  ServqualDimensionScore,
  ServqualImportance,
  ServqualItem,
  ServqualScore,
} from '@supportlens/contracts';
import { importanceWeights } from './importance-weights';
import { qualityIndexOf, satisfactionLevelOf, weightedGapOf } from './quality-level';
import { roundScore, roundWeights } from './rounding';
import { ScoringConfig } from './scoring-config';
import { measureServqualGaps } from './servqual-gap';

/** The SERVQUAL part of a response. */
export interface ServqualAnswersOfResponse {
  servqual?: ServqualAnswers | null;
  servqualItems?: readonly ServqualItem[] | null;
  importance?: ServqualImportance | null;
}

/** A response's SERVQUAL score: the published (rounded) result and the unrounded quality index. */
export interface ServqualResult {
  score: ServqualScore;
  /** The quality index before rounding, for the satisfaction index to average. */
  qualityIndex: number;
}

/**
 * Scores a response's SERVQUAL answers: per-dimension means and gaps, the importance weights
 * renormalised over the answered dimensions, the weighted gap, the quality index and the level.
 * Undefined when no dimension was answered. Pure.
 *
 * Rounding: every figure is computed at full precision and rounded to 4 decimals on the way out; the
 * weights with largest-remainder rounding, so the published weights still add up to exactly 100. The
 * level is decided on the published (rounded) weighted gap, so anyone re-checking an event against the
 * tolerance gets the same answer, and floating-point noise (0.25000000000000006) never tips a response
 * out of the "satisfied" band.
 */
export function scoreServqual(
  answers: ServqualAnswersOfResponse,
  config: ScoringConfig,
): ServqualResult | undefined {
  const gaps = measureServqualGaps(answers.servqual, answers.servqualItems);
  if (!gaps) return undefined;
  const { scored, missing } = gaps;

  const dimensions = new Array<ServqualDimensionScore['dimension']>(scored.length);
  const gapValues = new Array<number>(scored.length);
  for (let i = 0; i < scored.length; i++) {
    dimensions[i] = scored[i].dimension;
    gapValues[i] = scored[i].gap;
  }
  const { weights, source } = importanceWeights(dimensions, answers.importance, config.weights);
  const weightedGap = weightedGapOf(gapValues, weights);
  const qualityIndex = qualityIndexOf(weightedGap);
  const publishedGap = roundScore(weightedGap);
  const publishedWeights = roundWeights(weights);

  const dimensionScores = new Array<ServqualDimensionScore>(scored.length);
  for (let i = 0; i < scored.length; i++) {
    const dimension = scored[i];
    dimensionScores[i] = {
      dimension: dimension.dimension,
      expectation: roundScore(dimension.expectation),
      perception: roundScore(dimension.perception),
      gap: roundScore(dimension.gap),
      items: dimension.items,
      weight: publishedWeights[i],
    };
  }
  return {
    score: {
      dimensions: dimensionScores,
      missingDimensions: missing,
      weightSource: source,
      weightedGap: publishedGap,
      qualityIndex: roundScore(qualityIndex),
      level: satisfactionLevelOf(publishedGap, config.tolerance),
    },
    qualityIndex,
  };
}

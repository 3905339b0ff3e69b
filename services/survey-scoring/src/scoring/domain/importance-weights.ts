import { ServqualDimension, ServqualImportance, WeightSource } from '@supportlens/contracts';

/** The importance weights of the scored dimensions, in the same order, adding up to 100. */
export interface ImportanceWeights {
  weights: number[];
  source: WeightSource;
}

/** Importance points as a usable number: anything but a finite positive number counts as 0. */
function pointsOf(points: number | null | undefined): number {
  return typeof points === 'number' && points > 0 && points !== Infinity ? points : 0;
}

/**
 * Rescales raw points over the scored dimensions so they add up to 100: wᵢ × 100 / Σw. The rescaled
 * weights keep the raw points' ratios (a missing dimension's points are simply not in the sum, so they
 * change nothing), and add up to 100 within a few ulps (≪ 1e-9). Undefined when the points add up to 0
 * and cannot be rescaled.
 */
export function renormalise(points: readonly number[]): number[] | undefined {
  let total = 0;
  for (const p of points) total += p;
  if (!(total > 0)) return undefined;
  const weights = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    const weight = (points[i] * 100) / total;
    weights[i] = weight > 100 ? 100 : weight; // p × 100 / p can come out one ulp above 100
  }
  return weights;
}

/**
 * The weights for one response's scored dimensions, in their order. The rule, first that applies:
 *
 * 1. The customer's own 100-point `importance` allocation, when the response carries one and it gives
 *    a positive total to the scored dimensions: `customer`. Dimensions the allocation leaves out get 0.
 * 2. The configured weights: `config`. This also covers an allocation that puts all its points on
 *    dimensions the customer then did not answer: it says nothing about the answered ones.
 * 3. Equal weights (100 / n each), still reported as `config`, when the configured weights are 0 on
 *    every scored dimension too. There is no importance information left, so every answered
 *    dimension counts the same rather than the response going unscored.
 *
 * Either way the weights are renormalised over the scored dimensions to add up to 100: a missing
 * dimension is left out, never counted as a zero gap. Pure; unrounded.
 */
export function importanceWeights(
  scored: readonly ServqualDimension[],
  customer: ServqualImportance | null | undefined,
  config: Readonly<Record<ServqualDimension, number>>,
): ImportanceWeights {
  const points = new Array<number>(scored.length);
  if (customer != null) {
    for (let i = 0; i < scored.length; i++) points[i] = pointsOf(customer[scored[i]]);
    const weights = renormalise(points);
    if (weights) return { weights, source: 'customer' };
  }
  for (let i = 0; i < scored.length; i++) points[i] = pointsOf(config[scored[i]]);
  const weights = renormalise(points) ?? new Array<number>(scored.length).fill(100 / scored.length);
  return { weights, source: 'config' };
}

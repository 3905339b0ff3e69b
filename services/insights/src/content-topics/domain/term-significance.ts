import { ContentTopicSettings } from './content-topic-settings';
import { round } from './topic-figures';

/** A term's cases and the term pool's cases in the current and the previous window. */
export interface TermCounts {
  termCases: number;
  poolCases: number;
  previousTermCases: number;
  previousPoolCases: number;
}

/** How a term's rate among the term pool's cases moved from the previous window to the current one. */
export interface TermSignificance {
  /** Always `G2`: Dunning's log-likelihood ratio of the 2 × 2 table (window × with/without the term). */
  test: 'G2';
  /** G² (≥ 0); above 3.84 p < 0.05, above 10.83 p < 0.001 (χ², one degree of freedom). */
  g2: number;
  /** Current rate ÷ smoothed previous rate; > 1 means rising. */
  lift: number;
  currentRate: number;
  previousRate: number;
}

/**
 * Whether a term is emerging: the share of the term pool's cases (unclassified or low-confidence)
 * that contain it, now against the previous window. Measuring a rate rather than a count keeps a
 * general rise of unclassified cases (a new product line, a holiday) from making every word emerge.
 *
 * The previous window is smoothed as if it held `priorCases` more pool cases with the term at
 * `priorRate`, so that a term unseen before needs real volume to count as new. G² is 2 Σ O ln(O/E)
 * over the four cells; it measures how far the two rates are apart, whichever way, so the lift gives
 * the direction. Pure.
 */
export function termSignificance(
  counts: TermCounts,
  settings: ContentTopicSettings['terms'],
): TermSignificance {
  const previousTerm = counts.previousTermCases + settings.priorCases * settings.priorRate;
  const previousPool = counts.previousPoolCases + settings.priorCases;
  const currentRate = counts.poolCases > 0 ? counts.termCases / counts.poolCases : 0;
  const previousRate = previousPool > 0 ? previousTerm / previousPool : 0;
  const lift = previousRate > 0 ? currentRate / previousRate : 0;
  return {
    test: 'G2',
    g2: round(logLikelihoodRatio(counts.termCases, counts.poolCases, previousTerm, previousPool), 2),
    lift: round(lift, 2),
    currentRate: round(currentRate, 4),
    previousRate: round(previousRate, 4),
  };
}

/**
 * Dunning's G² for the 2 × 2 table (sample 1: `inFirst` of `firstTotal` have the term; sample 2:
 * `inSecond` of `secondTotal`). Counts may be fractional (a smoothed sample). 0 when either sample
 * is empty or every case (or none) has the term.
 */
export function logLikelihoodRatio(
  inFirst: number,
  firstTotal: number,
  inSecond: number,
  secondTotal: number,
): number {
  const total = firstTotal + secondTotal;
  const withTerm = inFirst + inSecond;
  if (firstTotal <= 0 || secondTotal <= 0 || withTerm <= 0 || withTerm >= total) return 0;
  const cell = (observed: number, rowTotal: number, columnTotal: number) => {
    const expected = (rowTotal * columnTotal) / total;
    return observed > 0 ? observed * Math.log(observed / expected) : 0;
  };
  return (
    2 *
    (cell(inFirst, firstTotal, withTerm) +
      cell(firstTotal - inFirst, firstTotal, total - withTerm) +
      cell(inSecond, secondTotal, withTerm) +
      cell(secondTotal - inSecond, secondTotal, total - withTerm))
  );
}

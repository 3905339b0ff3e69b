import { SERVQUAL_DIMENSIONS, ServqualDimension } from '@supportlens/contracts';

/**
 * What one rollup row adds up: counts and sums only, so any set of rows (days of a week, a month, any
 * range) combines by addition and every ratio or mean is computed when read. A `…Sum` is a sum of
 * values; every other measure is a count.
 */
/** The answer counts: responses, CSAT and NPS (all that a segment pair's rows keep). */
export const ANSWER_COUNT_MEASURES = [
  'responses',
  'csatResponses',
  'csatSatisfied',
  'csatSum',
  'npsResponses',
  'npsPromoters',
  'npsPassives',
  'npsDetractors',
] as const;

export const SATISFACTION_MEASURES = [
  ...ANSWER_COUNT_MEASURES,
  'cesResponses',
  'cesSum',
  'cesLowEffort',
  'servqualResponses',
  'weightedGapSum',
  'qualityIndexSum',
  'levelDissatisfied',
  'levelSatisfied',
  'levelDelighted',
  'reliabilityResponses',
  'reliabilityGapSum',
  'responsivenessResponses',
  'responsivenessGapSum',
  'assuranceResponses',
  'assuranceGapSum',
  'empathyResponses',
  'empathyGapSum',
  'tangiblesResponses',
  'tangiblesGapSum',
  'satisfactionIndexResponses',
  'satisfactionIndexSum',
  'benchmarkResponses',
  'benchmarkIndexSum',
  'benchmarkSatisfactionIndexSum',
] as const;
export type SatisfactionMeasure = (typeof SATISFACTION_MEASURES)[number];
export type SatisfactionMeasures = Record<SatisfactionMeasure, number>;

/** The per-dimension measures of a SERVQUAL dimension. */
export function dimensionMeasures(dimension: ServqualDimension): {
  responses: SatisfactionMeasure;
  gapSum: SatisfactionMeasure;
} {
  return {
    responses: `${dimension}Responses` as SatisfactionMeasure,
    gapSum: `${dimension}GapSum` as SatisfactionMeasure,
  };
}

export const DIMENSIONS: readonly ServqualDimension[] = SERVQUAL_DIMENSIONS;

export function isSumMeasure(measure: SatisfactionMeasure): boolean {
  return measure.endsWith('Sum');
}

// Plain loops below, not Object.fromEntries: these run several times per response and group in every
// write, and building entry arrays was a visible share of insights' CPU.

/** Every measure, each from `value(measure)`, in SATISFACTION_MEASURES order. */
function measuresOf(value: (measure: SatisfactionMeasure) => number): SatisfactionMeasures {
  const measures = {} as SatisfactionMeasures;
  for (const measure of SATISFACTION_MEASURES) measures[measure] = value(measure);
  return measures;
}

export function zeroMeasures(): SatisfactionMeasures {
  return measuresOf(() => 0);
}

/** Every measure times -1 (exact for floating-point numbers). A -0 becomes 0. */
export function negateMeasures(measures: SatisfactionMeasures): SatisfactionMeasures {
  return measuresOf((m) => (measures[m] === 0 ? 0 : -measures[m]));
}

/** Measure-wise addition. Used to combine what the database returns and in tests; never on stored deltas. */
export function addMeasures(a: SatisfactionMeasures, b: SatisfactionMeasures): SatisfactionMeasures {
  return measuresOf((m) => a[m] + b[m]);
}

export function sameMeasures(a: SatisfactionMeasures, b: SatisfactionMeasures): boolean {
  return SATISFACTION_MEASURES.every((m) => a[m] === b[m]);
}

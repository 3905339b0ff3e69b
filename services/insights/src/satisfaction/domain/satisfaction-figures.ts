import { ServqualDimension } from '@supportlens/contracts';
import { netPromoterScore } from './net-promoter-score';
import { DIMENSIONS, dimensionMeasures, SatisfactionMeasures } from './satisfaction-measures';

/** The metrics of one group in one period, computed from the summed rollup measures. */
export interface SatisfactionFigures {
  responses: number;
  /** Top-2-box: share of CSAT answers that are 4 or 5, in %. */
  csat: { responses: number; satisfied: number; percent: number | null; mean: number | null };
  nps: {
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    score: number | null;
    confidence95: { low: number; high: number } | null;
  };
  ces: { responses: number; mean: number | null; lowEffortPercent: number | null };
  servqual: {
    responses: number;
    meanWeightedGap: number | null;
    meanQualityIndex: number | null;
    /** Mean gap (perception − expectation) per dimension, over the responses that scored it. */
    dimensions: Record<ServqualDimension, { responses: number; meanGap: number | null }>;
    levels: { dissatisfied: number; satisfied: number; delighted: number };
  };
  satisfactionIndex: { responses: number; mean: number | null };
  /** Over the responses compared with an industry benchmark: mean index − mean benchmark. */
  benchmark: {
    responses: number;
    meanSatisfactionIndex: number | null;
    meanBenchmarkIndex: number | null;
    difference: number | null;
  };
}

/** Change against the previous period of the same length: current − previous, per metric. */
export interface SatisfactionTrend {
  previousResponses: number;
  /** Percentage points. */
  csatPercent: number | null;
  npsScore: number | null;
  satisfactionIndex: number | null;
}

/** Figures are rounded to two decimals for display. Pure. */
export function satisfactionFigures(m: SatisfactionMeasures): SatisfactionFigures {
  const nps = netPromoterScore(m.npsPromoters, m.npsPassives, m.npsDetractors);
  const meanIndex = ratio(m.benchmarkSatisfactionIndexSum, m.benchmarkResponses);
  const meanBenchmark = ratio(m.benchmarkIndexSum, m.benchmarkResponses);
  return {
    responses: m.responses,
    csat: {
      responses: m.csatResponses,
      satisfied: m.csatSatisfied,
      percent: round(ratio(m.csatSatisfied * 100, m.csatResponses)),
      mean: round(ratio(m.csatSum, m.csatResponses)),
    },
    nps: {
      responses: m.npsResponses,
      promoters: m.npsPromoters,
      passives: m.npsPassives,
      detractors: m.npsDetractors,
      score: nps && round(nps.score),
      confidence95: nps && { low: round(nps.low)!, high: round(nps.high)! },
    },
    ces: {
      responses: m.cesResponses,
      mean: round(ratio(m.cesSum, m.cesResponses)),
      lowEffortPercent: round(ratio(m.cesLowEffort * 100, m.cesResponses)),
    },
    servqual: {
      responses: m.servqualResponses,
      meanWeightedGap: round(ratio(m.weightedGapSum, m.servqualResponses)),
      meanQualityIndex: round(ratio(m.qualityIndexSum, m.servqualResponses)),
      dimensions: Object.fromEntries(
        DIMENSIONS.map((dimension) => {
          const { responses, gapSum } = dimensionMeasures(dimension);
          return [dimension, { responses: m[responses], meanGap: round(ratio(m[gapSum], m[responses])) }];
        }),
      ) as SatisfactionFigures['servqual']['dimensions'],
      levels: {
        dissatisfied: m.levelDissatisfied,
        satisfied: m.levelSatisfied,
        delighted: m.levelDelighted,
      },
    },
    satisfactionIndex: {
      responses: m.satisfactionIndexResponses,
      mean: round(ratio(m.satisfactionIndexSum, m.satisfactionIndexResponses)),
    },
    benchmark: {
      responses: m.benchmarkResponses,
      meanSatisfactionIndex: round(meanIndex),
      meanBenchmarkIndex: round(meanBenchmark),
      difference: round(meanIndex === null || meanBenchmark === null ? null : meanIndex - meanBenchmark),
    },
  };
}

/**
 * Current − previous for CSAT %, NPS and the satisfaction index, from unrounded measures. Null when
 * the previous period has no response of the group; a single delta is null when either side has no
 * answer for that metric. Pure.
 */
export function satisfactionTrend(
  current: SatisfactionMeasures,
  previous: SatisfactionMeasures | null,
): SatisfactionTrend | null {
  if (!previous || previous.responses <= 0) return null;
  const csat = (m: SatisfactionMeasures) => ratio(m.csatSatisfied * 100, m.csatResponses);
  const nps = (m: SatisfactionMeasures) =>
    netPromoterScore(m.npsPromoters, m.npsPassives, m.npsDetractors)?.score ?? null;
  const index = (m: SatisfactionMeasures) => ratio(m.satisfactionIndexSum, m.satisfactionIndexResponses);
  return {
    previousResponses: previous.responses,
    csatPercent: round(difference(csat(current), csat(previous))),
    npsScore: round(difference(nps(current), nps(previous))),
    satisfactionIndex: round(difference(index(current), index(previous))),
  };
}

function ratio(sum: number, count: number): number | null {
  return count > 0 ? sum / count : null;
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

/** Two decimals; -0 shows as 0. */
export function round(value: number | null): number | null {
  if (value === null) return null;
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

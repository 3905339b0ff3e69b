import { NpsCategory, RATING_TOPICS } from '@supportlens/contracts';
import {
  ALL_RESPONSES,
  ratingBucket,
  SatisfactionGrouping,
  SEGMENT_ATTRIBUTES,
} from './satisfaction-groupings';
import { SEGMENT_PAIRS, segmentGroup, segmentsOf } from '../../customers/domain/segments';
import {
  ANSWER_COUNT_MEASURES,
  dimensionMeasures,
  SatisfactionMeasures,
  zeroMeasures,
} from './satisfaction-measures';
import { SatisfactionResponse, StoredScores } from './satisfaction-response';

/**
 * A segment pair's group (`segment.industry+companySize`): written for persona signals, which read
 * only its answer counts (see {@link pairContributionOf}); no satisfaction API groups by it.
 */
export type SegmentPairGrouping =
  `segment.${(typeof SEGMENT_PAIRS)[number][0]}+${(typeof SEGMENT_PAIRS)[number][1]}`;

/** One row of the daily rollup: a day, a group, and what is added to it. */
export interface RollupRow {
  day: string;
  groupKind: SatisfactionGrouping | SegmentPairGrouping;
  groupValue: string;
  measures: SatisfactionMeasures;
}

/**
 * What one response adds to each group it belongs to. Absent answers add nothing (not zero).
 * Top-2-box, NPS category and low effort are the scorer's when it sent them (its configuration
 * decides), else the standard cut-offs: CSAT 4–5, promoter 9–10 / detractor 0–6, CES 5–7.
 */
export function contributionOf(scores: StoredScores): SatisfactionMeasures {
  const m = zeroMeasures();
  m.responses = 1;
  if (isNumber(scores.csat)) {
    m.csatResponses = 1;
    m.csatSum = scores.csat;
    m.csatSatisfied = (scores.csatSatisfied ?? scores.csat >= 4) ? 1 : 0;
  }
  if (isNumber(scores.nps)) {
    m.npsResponses = 1;
    const category = scores.npsCategory ?? npsCategoryOf(scores.nps);
    if (category === 'promoter') m.npsPromoters = 1;
    else if (category === 'passive') m.npsPassives = 1;
    else m.npsDetractors = 1;
  }
  if (isNumber(scores.ces)) {
    m.cesResponses = 1;
    m.cesSum = scores.ces;
    m.cesLowEffort = (scores.cesLowEffort ?? scores.ces >= 5) ? 1 : 0;
  }
  const servqual = scores.servqual;
  if (servqual) {
    m.servqualResponses = 1;
    m.weightedGapSum = servqual.weightedGap;
    m.qualityIndexSum = servqual.qualityIndex;
    if (servqual.level === 'dissatisfied') m.levelDissatisfied = 1;
    else if (servqual.level === 'satisfied') m.levelSatisfied = 1;
    else if (servqual.level === 'delighted') m.levelDelighted = 1;
    for (const { dimension, gap } of servqual.dimensions) {
      const { responses, gapSum } = dimensionMeasures(dimension);
      m[responses] = 1;
      m[gapSum] = gap;
    }
  }
  if (isNumber(scores.satisfactionIndex)) {
    m.satisfactionIndexResponses = 1;
    m.satisfactionIndexSum = scores.satisfactionIndex;
    // The benchmark comparison is over the responses that had both an index and a benchmark.
    if (scores.benchmark && isNumber(scores.benchmark.index)) {
      m.benchmarkResponses = 1;
      m.benchmarkIndexSum = scores.benchmark.index;
      m.benchmarkSatisfactionIndexSum = scores.satisfactionIndex;
    }
  }
  return m;
}

/**
 * Every group a response belongs to: all responses, each segment attribute it has, channel, agent,
 * issue code, and the bucket of each topic it rated.
 */
export function groupsOf(
  response: SatisfactionResponse,
): Array<{ kind: SatisfactionGrouping; value: string }> {
  const groups: Array<{ kind: SatisfactionGrouping; value: string | null | undefined }> = [
    { kind: 'none', value: ALL_RESPONSES },
    ...SEGMENT_ATTRIBUTES.map((attribute) => ({
      kind: `segment.${attribute}` as SatisfactionGrouping,
      value: response.segment[attribute],
    })),
    { kind: 'channel', value: response.channel },
    { kind: 'agent', value: response.agentId },
    { kind: 'issueCode', value: response.issueCode },
    ...RATING_TOPICS.map((topic) => {
      const rating = response.scores.ratings?.[topic];
      return { kind: `rating.${topic}` as const, value: isNumber(rating) ? ratingBucket(rating) : null };
    }),
  ];
  return groups.filter(
    (group): group is { kind: SatisfactionGrouping; value: string } =>
      typeof group.value === 'string' && group.value !== '',
  );
}

/**
 * What one response adds to a segment pair's group: its answer counts (responses, CSAT, NPS), the
 * measures persona signals compare; every other measure stays 0, so a pair's rows stay small to
 * back-fill and nothing reads a measure that was never kept. Pure.
 */
export function pairContributionOf(measures: SatisfactionMeasures): SatisfactionMeasures {
  const m = zeroMeasures();
  for (const measure of ANSWER_COUNT_MEASURES) m[measure] = measures[measure];
  return m;
}

/** The segment pairs a response's customer is in (both values present), as rollup groups. */
export function pairGroupsOf(
  response: SatisfactionResponse,
): Array<{ kind: SegmentPairGrouping; value: string }> {
  return segmentsOf(response.segment)
    .filter((segment) => segment.and !== undefined)
    .map((segment) => {
      const group = segmentGroup(segment);
      return { kind: group.kind as SegmentPairGrouping, value: group.value };
    });
}

/**
 * The rollup rows one response adds: its contribution, once per group it belongs to, on its day, and
 * its answer counts once per segment pair it is in.
 */
export function rollupRowsOf(response: SatisfactionResponse): RollupRow[] {
  const measures = contributionOf(response.scores);
  const rows: RollupRow[] = groupsOf(response).map((group) => ({
    day: response.day,
    groupKind: group.kind,
    groupValue: group.value,
    measures: { ...measures },
  }));
  for (const group of pairGroupsOf(response)) {
    rows.push({
      day: response.day,
      groupKind: group.kind,
      groupValue: group.value,
      measures: pairContributionOf(measures),
    });
  }
  return rows;
}

function npsCategoryOf(nps: number): NpsCategory {
  if (nps >= 9) return 'promoter';
  if (nps >= 7) return 'passive';
  return 'detractor';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

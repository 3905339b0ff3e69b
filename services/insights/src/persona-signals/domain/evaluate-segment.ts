import { adjustPValues } from './multiple-comparisons';
import { EffectMinimum, PersonaSignalSettings } from './persona-signal-settings';
import {
  cohensH,
  compareNps,
  compareProportions,
  newcombeInterval,
  NpsCounts,
  TestResult,
} from './proportion-tests';
import { Segment, segmentKey } from '../../customers/domain/segments';
import { restOfBase, SegmentCounts, total, WindowCounts } from './segment-counts';

export const DIMENSIONS = ['issue', 'channel', 'satisfaction'] as const;
/** What of a segment's behaviour is compared: its issue mix, its channel use, its satisfaction. */
export type Dimension = (typeof DIMENSIONS)[number];

export const COMPARISONS = ['base', 'past'] as const;
/** Against what: the rest of the base in the same window, or the segment itself in the window before. */
export type Against = (typeof COMPARISONS)[number];

export type Direction = 'higher' | 'lower';

/** The satisfaction items: the CSAT satisfied share and the NPS. */
export const SATISFACTION_ITEMS = ['csat', 'nps'] as const;

/** One side of a comparison: a share (count of total) or, for NPS, the answers. */
export interface Side {
  total: number;
  /** Cases (or satisfied CSAT answers) with the item; absent for NPS. */
  count?: number;
  /** count ÷ total, 0…1 (4 decimals); absent for NPS. */
  share?: number;
  promoters?: number;
  passives?: number;
  detractors?: number;
  /** −100…100 (2 decimals). */
  nps?: number;
}

/** One statistical comparison of a segment's item, with its evidence. */
export interface Comparison {
  against: Against;
  test: TestResult['test'];
  /** z; null for Fisher's exact test (and for an NPS difference with no spread). */
  statistic: number | null;
  /** Two-sided, before the correction. */
  pValue: number;
  /** After the correction over the segment's whole family of comparisons. */
  adjustedPValue: number;
  segment: Side;
  /** The rest of the base (against `base`) or the segment in the previous window (against `past`). */
  reference: Side;
  /** Segment share ÷ reference share: the lift (base) or 1 + the relative change (past); null for NPS, or when the reference share is 0. */
  ratio: number | null;
  /** Segment − reference, in percentage points (shares) or NPS points. */
  differencePoints: number;
  /** Confidence interval of that difference, in the same points: Newcombe's hybrid score interval for shares, Wald for NPS. */
  differenceInterval: { low: number; high: number };
  /** Cohen's h of the two shares; null for NPS. */
  cohensH: number | null;
  /** Cohen's d of the per-answer NPS scores; null for shares (and with no spread). */
  cohensD: number | null;
  direction: Direction;
  /** adjusted p < alpha and the effect reaches `raise`. */
  meetsRaise: boolean;
  /** adjusted p < keepAlpha and the effect reaches `keep`. */
  meetsKeep: boolean;
}

/** What one evaluation says about one item of a segment: its comparisons that could be tested. */
export interface SignalReading {
  key: string;
  segment: Segment;
  dimension: Dimension;
  item: string;
  comparisons: Partial<Record<Against, Comparison>>;
}

export interface SegmentEvaluation {
  segment: Segment;
  /** How many comparisons the correction was over. */
  familySize: number;
  readings: SignalReading[];
}

/** `industry=retail|issue|billing.bulk_import`: the key of a signal (and of its events). */
export function signalKey(segment: Segment, dimension: Dimension, item: string): string {
  return `${segmentKey(segment)}|${dimension}|${item}`;
}

interface Pending {
  dimension: Dimension;
  item: string;
  against: Against;
  result: TestResult;
  segment: Side;
  reference: Side;
  ratio: number | null;
  differencePoints: number;
  differenceInterval: { low: number; high: number };
  cohensH: number | null;
  cohensD: number | null;
  /** Whether the effect (before significance) reaches a minimum. */
  effectReaches: (minimum: EffectMinimum) => boolean;
}

/**
 * Compares one segment, in the current window, with the rest of the base (the base minus the
 * segment, never including it) and with its own previous window:
 *
 * - issue mix: each issue code's share of the segment's cases;
 * - channel use: each channel's share of its cases;
 * - satisfaction: the CSAT satisfied share and the NPS.
 *
 * Shares are tested with the two-proportion z-test, or Fisher's exact test when an expected cell is
 * below `minExpectedCell`; NPS with a z-test of the difference of the per-answer means. A side needs
 * `minCases` cases (`minResponses` answers) and an item `minItemCases` cases, observed or expected
 * from the reference share, so that "never asks about X" can be found but noise cannot. The
 * p-values of every comparison made for the segment are then adjusted together (Benjamini–Hochberg
 * by default). Effects: lift (base) or relative change (past) for shares, with Cohen's h and the
 * interval of the difference; points for CSAT and NPS. Pure and deterministic.
 */
export function evaluateSegment(
  counts: SegmentCounts,
  base: WindowCounts,
  settings: PersonaSignalSettings,
): SegmentEvaluation {
  const rest = restOfBase(base, counts.current);
  const pending: Pending[] = [];
  for (const dimension of ['issue', 'channel'] as const) {
    const field = dimension === 'issue' ? 'issues' : 'channels';
    pending.push(...shareComparisons(dimension, 'base', counts.current[field], rest[field], settings));
    pending.push(
      ...shareComparisons(dimension, 'past', counts.current[field], counts.previous[field], settings),
    );
  }
  for (const [against, reference] of [
    ['base', rest],
    ['past', counts.previous],
  ] as const) {
    const csat = csatComparison(against, counts.current, reference, settings);
    if (csat) pending.push(csat);
    const nps = npsComparison(against, counts.current.nps, reference.nps, settings);
    if (nps) pending.push(nps);
  }

  const adjusted = adjustPValues(
    pending.map((comparison) => comparison.result.pValue),
    settings.correction,
  );
  const readings = new Map<string, SignalReading>();
  pending.forEach((comparison, index) => {
    const key = signalKey(counts.segment, comparison.dimension, comparison.item);
    let reading = readings.get(key);
    if (!reading) {
      reading = {
        key,
        segment: counts.segment,
        dimension: comparison.dimension,
        item: comparison.item,
        comparisons: {},
      };
      readings.set(key, reading);
    }
    const adjustedPValue = adjusted[index];
    reading.comparisons[comparison.against] = {
      against: comparison.against,
      test: comparison.result.test,
      statistic: comparison.result.statistic === null ? null : round(comparison.result.statistic, 4),
      pValue: significant(comparison.result.pValue),
      adjustedPValue: significant(adjustedPValue),
      segment: comparison.segment,
      reference: comparison.reference,
      ratio: comparison.ratio === null ? null : round(comparison.ratio, 3),
      differencePoints: round(comparison.differencePoints, 2),
      differenceInterval: {
        low: round(comparison.differenceInterval.low, 2),
        high: round(comparison.differenceInterval.high, 2),
      },
      cohensH: comparison.cohensH === null ? null : round(comparison.cohensH, 4),
      cohensD: comparison.cohensD === null ? null : round(comparison.cohensD, 4),
      direction: comparison.differencePoints >= 0 ? 'higher' : 'lower',
      meetsRaise: adjustedPValue < settings.alpha && comparison.effectReaches(settings.raise),
      meetsKeep: adjustedPValue < settings.keepAlpha && comparison.effectReaches(settings.keep),
    };
  });
  return {
    segment: counts.segment,
    familySize: pending.length,
    readings: [...readings.values()].sort((a, b) => compareText(a.key, b.key)),
  };
}

/** Each item's share of the segment against the same item's share of the reference. */
function shareComparisons(
  dimension: Dimension,
  against: Against,
  segment: Readonly<Record<string, number>>,
  reference: Readonly<Record<string, number>>,
  settings: PersonaSignalSettings,
): Pending[] {
  const n1 = total(segment);
  const n2 = total(reference);
  if (n1 < settings.minCases || n2 < settings.minCases) return [];
  const items = [...new Set([...Object.keys(segment), ...Object.keys(reference)])].sort(compareText);
  const out: Pending[] = [];
  for (const item of items) {
    const x1 = segment[item] ?? 0;
    const x2 = reference[item] ?? 0;
    // Observed, or expected from the reference share: a segment that never asks about a common code counts.
    if (Math.max(x1, (n1 * x2) / n2) < settings.minItemCases) continue;
    // Every case of both sides is this item (one channel only): nothing to compare.
    if (x1 + x2 === n1 + n2) continue;
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const ratio = p2 === 0 ? null : p1 / p2;
    const interval = newcombeInterval(x1, n1, x2, n2, settings.confidenceLevel);
    out.push({
      dimension,
      item,
      against,
      result: compareProportions(x1, n1, x2, n2, settings.minExpectedCell),
      segment: shareSide(x1, n1),
      reference: shareSide(x2, n2),
      ratio,
      differencePoints: 100 * (p1 - p2),
      differenceInterval: { low: 100 * interval.low, high: 100 * interval.high },
      cohensH: cohensH(p1, p2),
      cohensD: null,
      effectReaches: (minimum) =>
        ratioReaches(ratio, against === 'base' ? minimum.lift : 1 + minimum.relativeChange),
    });
  }
  return out;
}

function csatComparison(
  against: Against,
  segment: WindowCounts,
  reference: WindowCounts,
  settings: PersonaSignalSettings,
): Pending | null {
  const { responses: n1, satisfied: x1 } = segment.csat;
  const { responses: n2, satisfied: x2 } = reference.csat;
  if (n1 < settings.minResponses || n2 < settings.minResponses) return null;
  if (x1 + x2 === 0 || x1 + x2 === n1 + n2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const interval = newcombeInterval(x1, n1, x2, n2, settings.confidenceLevel);
  const differencePoints = 100 * (p1 - p2);
  return {
    dimension: 'satisfaction',
    item: 'csat',
    against,
    result: compareProportions(x1, n1, x2, n2, settings.minExpectedCell),
    segment: shareSide(x1, n1),
    reference: shareSide(x2, n2),
    ratio: p2 === 0 ? null : p1 / p2,
    differencePoints,
    differenceInterval: { low: 100 * interval.low, high: 100 * interval.high },
    cohensH: cohensH(p1, p2),
    cohensD: null,
    effectReaches: (minimum) => Math.abs(differencePoints) >= minimum.csatPoints,
  };
}

function npsComparison(
  against: Against,
  segment: NpsCounts,
  reference: NpsCounts,
  settings: PersonaSignalSettings,
): Pending | null {
  const n1 = segment.promoters + segment.passives + segment.detractors;
  const n2 = reference.promoters + reference.passives + reference.detractors;
  if (n1 < settings.minResponses || n2 < settings.minResponses) return null;
  const result = compareNps(segment, reference, settings.confidenceLevel);
  return {
    dimension: 'satisfaction',
    item: 'nps',
    against,
    result,
    segment: npsSide(segment, n1, result.nps1),
    reference: npsSide(reference, n2, result.nps2),
    ratio: null,
    differencePoints: result.difference,
    differenceInterval: result.interval,
    cohensH: null,
    cohensD: result.cohensD,
    effectReaches: (minimum) => Math.abs(result.difference) >= minimum.npsPoints,
  };
}

/** A ratio at least `factor` away from 1, either way (null: a share where the reference has none). */
export function ratioReaches(ratio: number | null, factor: number): boolean {
  if (ratio === null) return true;
  return ratio >= factor || ratio <= 1 / factor;
}

function shareSide(count: number, total: number): Side {
  return { count, total, share: round(count / total, 4) };
}

function npsSide(counts: NpsCounts, total: number, nps: number): Side {
  return { total, ...counts, nps: round(nps, 2) };
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Six significant digits: enough for any p-value, however small. */
export function significant(value: number): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(6));
}

/** Code-point order, the same in every locale (and as Postgres's `COLLATE "C"`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { Segment };

import {
  Against,
  Comparison,
  compareText,
  Dimension,
  Direction,
  SegmentEvaluation,
  SignalReading,
} from './evaluate-segment';
import { PersonaSignalSettings } from './persona-signal-settings';
import { Segment } from '../../customers/domain/segments';
import { clearedSentence, signalSentence } from './signal-sentence';
import { decideSignal, SignalChange, StoredSignal, Support } from './signal-transition';

/** A stored signal of the segment, as the planner needs it. */
export interface StoredSignalState extends StoredSignal {
  key: string;
  dimension: Dimension;
  item: string;
  direction: Direction;
  version: number;
}

/** A comparison as announced: with whether it carries the signal after the change. */
export type AnnouncedComparison = Comparison & { carries: boolean };

/** One change to store and announce. */
export interface PlannedChange {
  key: string;
  segment: Segment;
  dimension: Dimension;
  item: string;
  change: SignalChange;
  /** The key's changes counted from 1 (the stored version + 1). */
  sequence: number;
  support: Support;
  headline: Against;
  direction: Direction;
  sentence: string;
  /** −log₁₀ of the smallest adjusted p-value among the carrying comparisons, capped at 100; 0 once cleared. */
  score: number;
  /** |Cohen's h| (shares) or |Cohen's d| (NPS) of the headline comparison; 0 when there is none. */
  effectSize: number;
  /** The headline comparison's ratio and difference (the last known ones for a clear without a reading). */
  ratio: number | null;
  differencePoints: number;
  comparisons: AnnouncedComparison[];
  familySize: number;
}

/** The highest score: an adjusted p-value of 1e-100 or smaller (0 included). */
export const MAX_SCORE = 100;

/**
 * The changes one segment evaluation makes to its signals: every item it could test, and every open
 * signal of the segment it could no longer test (those clear). Sorted by key. Pure.
 */
export function planSignalChanges(
  evaluation: SegmentEvaluation,
  stored: readonly StoredSignalState[],
  settings: PersonaSignalSettings,
): PlannedChange[] {
  const readings = new Map(evaluation.readings.map((reading) => [reading.key, reading]));
  const storedByKey = new Map(stored.map((state) => [state.key, state]));
  const keys = new Set([
    ...readings.keys(),
    ...stored.filter((state) => state.status === 'open').map((state) => state.key),
  ]);
  const changes: PlannedChange[] = [];
  for (const key of [...keys].sort(compareText)) {
    const reading = readings.get(key);
    const previous = storedByKey.get(key);
    const decision = decideSignal(previous, reading, settings);
    if (decision.change === 'none') continue;
    const dimension = reading?.dimension ?? previous!.dimension;
    const item = reading?.item ?? previous!.item;
    // A clear keeps the headline and direction it was announced with.
    const headline = decision.headline ?? previous!.headline ?? 'base';
    const lead = reading?.comparisons[headline];
    const direction = decision.support[headline] ?? previous?.direction ?? lead?.direction ?? 'higher';
    const comparisons = (['base', 'past'] as const).flatMap((against): AnnouncedComparison[] => {
      const comparison = reading?.comparisons[against];
      return comparison ? [{ ...comparison, carries: decision.support[against] !== undefined }] : [];
    });
    changes.push({
      key,
      segment: evaluation.segment,
      dimension,
      item,
      change: decision.change,
      sequence: (previous?.version ?? 0) + 1,
      support: decision.support,
      headline,
      direction,
      sentence:
        decision.change === 'cleared'
          ? clearedSentence(evaluation.segment, dimension, item, reading, headline)
          : signalSentence(reading as SignalReading, headline),
      score: score(comparisons),
      effectSize: Math.abs(lead?.cohensH ?? lead?.cohensD ?? 0),
      ratio: lead ? lead.ratio : (previous?.ratio ?? null),
      differencePoints: lead ? lead.differencePoints : (previous?.differencePoints ?? 0),
      comparisons,
      familySize: evaluation.familySize,
    });
  }
  return changes;
}

function score(comparisons: readonly AnnouncedComparison[]): number {
  const carrying = comparisons.filter((comparison) => comparison.carries);
  if (carrying.length === 0) return 0;
  const smallest = Math.min(...carrying.map((comparison) => comparison.adjustedPValue));
  if (!(smallest > 0)) return MAX_SCORE;
  return Math.min(MAX_SCORE, Math.round(-Math.log10(smallest) * 100) / 100);
}

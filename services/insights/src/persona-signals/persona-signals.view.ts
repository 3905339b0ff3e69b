import { PersonaSignalComparison } from '@supportlens/contracts';
import { Against, Dimension, Direction } from './domain/evaluate-segment';
import { Segment } from '../customers/domain/segments';
import { SignalStatus } from './domain/signal-transition';

/** A persona signal as the API serves it: as its consumers last heard of it, with the evidence. */
export interface PersonaSignalView {
  key: string;
  status: SignalStatus;
  segment: Segment;
  dimension: Dimension;
  item: string;
  headline: Against;
  direction: Direction;
  sentence: string;
  /** −log₁₀ of the smallest adjusted p-value among the carrying comparisons (0 once cleared). */
  score: number;
  /** |Cohen's h| (shares) or |Cohen's d| (NPS) of the headline comparison. */
  effectSize: number;
  /** The headline comparison's ratio (lift or 1 + relative change); null for NPS or an infinite lift. */
  ratio: number | null;
  differencePoints: number;
  /** The comparisons with their tests, p-values, effects and counts. */
  comparisons: PersonaSignalComparison[];
  familySize: number;
  window: { start: string; end: string };
  raisedAt: string;
  updatedAt: string;
  clearedAt: string | null;
  /** How many changes consumers of the topic have seen (the last event's `sequence`). */
  version: number;
}

export interface PersonaSignalPage {
  items: PersonaSignalView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

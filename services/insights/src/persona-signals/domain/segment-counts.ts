import { Segment } from '../../customers/domain/segments';
import { NpsCounts } from './proportion-tests';

/** What one group (a segment, or the whole base) did in one window: counts only, so they add and subtract. */
export interface WindowCounts {
  /** Cases opened per issue code (every case has one, `unclassified` included). */
  issues: Readonly<Record<string, number>>;
  /** The same cases per channel. */
  channels: Readonly<Record<string, number>>;
  /** CSAT answers and the satisfied (top-2-box) ones among them. */
  csat: { responses: number; satisfied: number };
  nps: NpsCounts;
}

/** A segment's counts in the current window and in the one before it (as long, right before it). */
export interface SegmentCounts {
  segment: Segment;
  current: WindowCounts;
  previous: WindowCounts;
}

export function emptyWindowCounts(): WindowCounts {
  return {
    issues: {},
    channels: {},
    csat: { responses: 0, satisfied: 0 },
    nps: { promoters: 0, passives: 0, detractors: 0 },
  };
}

/**
 * The rest of the base: every count of the base minus the segment's. Floored at 0: the two are read
 * in one snapshot so the base always contains the segment, but a negative count must never reach a test.
 */
export function restOfBase(base: WindowCounts, segment: WindowCounts): WindowCounts {
  const minus = (a: number, b: number): number => Math.max(0, a - b);
  const subtract = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      out[key] = minus(a[key] ?? 0, b[key] ?? 0);
    return out;
  };
  return {
    issues: subtract(base.issues, segment.issues),
    channels: subtract(base.channels, segment.channels),
    csat: {
      responses: minus(base.csat.responses, segment.csat.responses),
      satisfied: minus(base.csat.satisfied, segment.csat.satisfied),
    },
    nps: {
      promoters: minus(base.nps.promoters, segment.nps.promoters),
      passives: minus(base.nps.passives, segment.nps.passives),
      detractors: minus(base.nps.detractors, segment.nps.detractors),
    },
  };
}

export function total(counts: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const value of Object.values(counts)) sum += value;
  return sum;
}

import { Against, COMPARISONS, Comparison, Direction, SignalReading } from './evaluate-segment';
import { PersonaSignalSettings } from './persona-signal-settings';

export type SignalChange = 'raised' | 'updated' | 'cleared';
export type SignalStatus = 'open' | 'cleared';

/** The comparisons that carry an open signal, each with the direction it was found in. */
export type Support = Partial<Record<Against, Direction>>;

/** What is stored of a signal: what its consumers last heard. */
export interface StoredSignal {
  status: SignalStatus;
  support: Support;
  /** The comparison the signal leads with (base when it carries the signal, else past). */
  headline: Against | null;
  /** The headline comparison's ratio and difference when last announced. */
  ratio: number | null;
  differencePoints: number | null;
}

export interface SignalDecision {
  change: SignalChange | 'none';
  /** The support after this evaluation (empty once cleared). */
  support: Support;
  headline: Against | null;
}

/**
 * What an evaluation does to one signal, with hysteresis per comparison:
 *
 *   not open:  the comparisons that meet the raise bar (adjusted p < alpha, effect ≥ raise) → raised;
 *              none → nothing
 *   open:      a comparison that carried the signal keeps carrying it while it meets the keep bar
 *              (adjusted p < keepAlpha, effect ≥ keep) in the same direction; one that did not
 *              joins when it meets the raise bar. No comparison left → cleared. Otherwise updated
 *              when the carrying comparisons (or their directions, or the headline) changed, or the
 *              headline moved: its ratio by `updateRatioChange` (as a factor), or its difference by
 *              `updatePoints`. Else nothing.
 *
 * A reading of `undefined` (the item could no longer be tested: too few cases) clears an open
 * signal. Deterministic. Pure.
 */
export function decideSignal(
  previous: StoredSignal | undefined,
  reading: SignalReading | undefined,
  settings: PersonaSignalSettings,
): SignalDecision {
  const comparisons = reading?.comparisons ?? {};
  if (previous?.status !== 'open') {
    const support: Support = {};
    for (const against of COMPARISONS) {
      const comparison = comparisons[against];
      if (comparison?.meetsRaise) support[against] = comparison.direction;
    }
    const headline = headlineOf(support);
    return { change: headline === null ? 'none' : 'raised', support, headline };
  }
  const support: Support = {};
  for (const against of COMPARISONS) {
    const comparison = comparisons[against];
    if (!comparison) continue;
    const before = previous.support[against];
    const carries =
      before === undefined ? comparison.meetsRaise : comparison.meetsKeep && comparison.direction === before;
    if (carries) support[against] = comparison.direction;
  }
  const headline = headlineOf(support);
  if (headline === null) return { change: 'cleared', support, headline };
  const changed =
    headline !== previous.headline ||
    COMPARISONS.some((against) => support[against] !== previous.support[against]) ||
    moved(previous, comparisons[headline]!, reading!.dimension === 'satisfaction', settings);
  return { change: changed ? 'updated' : 'none', support, headline };
}

/** Base leads when it carries the signal: "3× the base, up 80% month on month". */
export function headlineOf(support: Support): Against | null {
  if (support.base !== undefined) return 'base';
  if (support.past !== undefined) return 'past';
  return null;
}

function moved(
  previous: StoredSignal,
  now: Comparison,
  inPoints: boolean,
  settings: PersonaSignalSettings,
): boolean {
  if (inPoints) {
    return Math.abs(now.differencePoints - (previous.differencePoints ?? 0)) >= settings.updatePoints;
  }
  // A share's ratio; null is infinite (a reference of 0), and only equals itself.
  if (now.ratio === null || previous.ratio === null) return now.ratio !== previous.ratio;
  if (now.ratio > 0 && previous.ratio > 0) {
    return Math.abs(Math.log(now.ratio / previous.ratio)) >= Math.log(1 + settings.updateRatioChange);
  }
  return now.ratio !== previous.ratio;
}

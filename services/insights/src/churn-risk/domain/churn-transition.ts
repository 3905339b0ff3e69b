import { ChurnRiskSettings } from './churn-risk-settings';
import { ChurnSignalName } from './score-churn-risk';

export const CHURN_RISK_LEVELS = ['at_risk', 'cleared'] as const;
export type ChurnRiskLevel = (typeof CHURN_RISK_LEVELS)[number];

export type ChurnTransition = 'raised' | 'updated' | 'cleared' | 'none';

/** What is stored of a customer's churn-risk insight (or what it would become). */
export interface ChurnRiskState {
  score: number;
  level: ChurnRiskLevel;
  /** The reasons' signals, highest first; compared (first `settings.topReasons`) to decide an update. */
  topSignals?: readonly ChurnSignalName[];
}

/** A freshly computed score, with its reasons' signals (highest first) when known. */
export interface ChurnRiskReading {
  score: number;
  topSignals?: readonly ChurnSignalName[];
}

/**
 * What a new score does to a customer's insight, with hysteresis so it does not flap:
 *
 *   no open insight (none, or cleared):  score ≥ raiseThreshold → raised, else none
 *   open insight (at_risk):              score < clearThreshold → cleared
 *                                        |Δscore| ≥ minChange, or the top reasons changed → updated
 *                                        else none
 *
 * With clearThreshold < raiseThreshold a raised insight is only cleared by a real drop (below the
 * clear threshold), and raised again only by a rise back to the raise threshold. Deterministic. Pure.
 */
export function churnTransition(
  previous: ChurnRiskState | undefined,
  next: number | ChurnRiskReading,
  settings: ChurnRiskSettings,
): ChurnTransition {
  const reading = typeof next === 'number' ? { score: next } : next;
  if (previous?.level !== 'at_risk') {
    return reading.score >= settings.raiseThreshold ? 'raised' : 'none';
  }
  if (reading.score < settings.clearThreshold) return 'cleared';
  if (Math.abs(reading.score - previous.score) >= settings.minChange) return 'updated';
  if (previous.topSignals && reading.topSignals) {
    const before = previous.topSignals.slice(0, settings.topReasons);
    const after = reading.topSignals.slice(0, settings.topReasons);
    if (before.length !== after.length || before.some((signal, i) => signal !== after[i])) return 'updated';
  }
  return 'none';
}

/** The level an insight is in after a transition (a `none` keeps the previous level, or none at all). */
export function levelAfter(
  previous: ChurnRiskLevel | undefined,
  transition: ChurnTransition,
): ChurnRiskLevel | undefined {
  switch (transition) {
    case 'raised':
    case 'updated':
      return 'at_risk';
    case 'cleared':
      return 'cleared';
    case 'none':
      return previous;
  }
}

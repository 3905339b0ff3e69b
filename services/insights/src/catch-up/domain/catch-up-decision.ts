/**
 * When insights stops judging batch by batch and when it judges again.
 *
 * Catching up (a replay, a backlog after downtime) the detectors are deferred: a batch keeps the read
 * models current and only notes its customers; once the input is read to its end, customers, topics
 * and segments are judged once, on the final facts. So a replay emits the same insight events
 * whatever the batching and however the case and survey topics interleave, and a backlog does not
 * replay every intermediate transition to the topics' consumers.
 */
export interface CatchUpThresholds {
  /** Input lag (events behind, both input topics) above which judging is deferred; 0 never defers. */
  enterLag: number;
  /** Lag at or under which a long-enough stretch also ends the catch-up (steady live load never reaches 0). */
  exitLag: number;
  /** How long the lag must stay at or under `exitLag` before that ends the catch-up. */
  exitAfterMs: number;
  /** The longest a catch-up lasts (sustained overload must not silence insights for good); 0: no limit. */
  maxMs: number;
}

export interface CatchUpObservation {
  catchingUp: boolean;
  /** When the current catch-up began; null when none is on. */
  sinceMs: number | null;
  /** Events behind across every partition of the input topics, by the consumer groups' commits. */
  lag: number;
  atMs: number;
  /**
   * Within the current catch-up, when the lag was first seen at or under `exitLag` without rising
   * above it since; null when not (and outside a catch-up).
   */
  lowSinceMs: number | null;
}

export type CatchUpAction = 'enter' | 'finish' | 'none';

export interface CatchUpDecision {
  action: CatchUpAction;
  lowSinceMs: number | null;
}

/**
 * Enter when the lag exceeds `enterLag`; finish at lag 0 (the end of the input, where a replay ends
 * deterministically), after `exitAfterMs` at or under `exitLag` (live load that keeps a few events in
 * flight must not defer judging forever), or after `maxMs` whatever the lag (a next check re-enters
 * if it is still high). Pure.
 */
export function decideCatchUp(
  observation: CatchUpObservation,
  thresholds: CatchUpThresholds,
): CatchUpDecision {
  const { catchingUp, lag, atMs } = observation;
  if (!catchingUp) {
    // A low stretch counts only within a catch-up: one from before it would end it as it starts.
    const enter = thresholds.enterLag > 0 && lag > thresholds.enterLag;
    return { action: enter ? 'enter' : 'none', lowSinceMs: null };
  }
  const lowSinceMs = lag <= thresholds.exitLag ? (observation.lowSinceMs ?? atMs) : null;
  const finish =
    lag === 0 ||
    (lowSinceMs !== null && atMs - lowSinceMs >= thresholds.exitAfterMs) ||
    (thresholds.maxMs > 0 && observation.sinceMs !== null && atMs - observation.sinceMs >= thresholds.maxMs);
  return { action: finish ? 'finish' : 'none', lowSinceMs };
}

/**
 * When insights stops judging customers batch by batch and when it judges them again.
 *
 * Catching up (a replay, a backlog after downtime) the per-customer detectors are deferred: a batch
 * keeps the read models current and only notes its customers; once the input is read to its end
 * they are judged once, on their final facts. So a replay emits the same insight events whatever
 * the batching and however the case and survey topics interleave, and a backlog does not replay
 * every intermediate transition to the topics' consumers.
 */
export interface CatchUpThresholds {
  /** Input lag (events behind, both input topics) above which judging is deferred; 0 never defers. */
  enterLag: number;
  /** Lag at or under which a long-enough stretch also ends the catch-up (steady live load never reaches 0). */
  exitLag: number;
  /** How long the lag must stay at or under `exitLag` before that ends the catch-up. */
  exitAfterMs: number;
}

export interface CatchUpObservation {
  catchingUp: boolean;
  /** Events behind across every partition of the input topics, by the consumer groups' commits. */
  lag: number;
  atMs: number;
  /** When the lag was first seen at or under `exitLag` without rising above it since; null when not. */
  lowSinceMs: number | null;
}

export type CatchUpAction = 'enter' | 'finish' | 'none';

export interface CatchUpDecision {
  action: CatchUpAction;
  lowSinceMs: number | null;
}

/**
 * Enter when the lag exceeds `enterLag`; finish at lag 0 (the end of the input, where a replay ends
 * deterministically) or after `exitAfterMs` at or under `exitLag` (live load that keeps a few events
 * in flight must not defer judging forever).
 */
export function decideCatchUp(
  observation: CatchUpObservation,
  thresholds: CatchUpThresholds,
): CatchUpDecision {
  const { catchingUp, lag, atMs } = observation;
  const low = lag <= thresholds.exitLag;
  const lowSinceMs = low ? (observation.lowSinceMs ?? atMs) : null;
  if (!catchingUp) {
    const enter = thresholds.enterLag > 0 && lag > thresholds.enterLag;
    return { action: enter ? 'enter' : 'none', lowSinceMs };
  }
  const finish = lag === 0 || (lowSinceMs !== null && atMs - lowSinceMs >= thresholds.exitAfterMs);
  return { action: finish ? 'finish' : 'none', lowSinceMs };
}

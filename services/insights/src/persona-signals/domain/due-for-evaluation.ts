import { compareText } from './evaluate-segment';
import { PersonaSignalSettings } from './persona-signal-settings';
import { Segment, segmentKey } from '../../customers/domain/segments';

export interface DueSegment {
  segment: Segment;
  /** The event time the segment is evaluated at. */
  at: Date;
}

/**
 * Which of the touched segments a batch evaluates, and at what event time:
 *
 * - a segment is due when it was never evaluated, or the batch's event time is at least
 *   `evaluationIntervalSeconds` after its last evaluation;
 * - at most `maxSegmentsPerBatch` are evaluated, those waiting longest first (never evaluated first,
 *   then the oldest evaluation, then by key): the rest wait for a later batch that touches them, so
 *   a batch that touches every segment still costs a bounded amount;
 * - each is evaluated at the later of the batch's time and its last evaluation, so a late batch
 *   never moves its windows back.
 *
 * Returned in key order. Pure.
 */
export function dueForEvaluation(
  touched: readonly Segment[],
  lastEvaluated: ReadonlyMap<string, Date>,
  /** Each segment's own latest event time in the batch (a batch mixes partitions and customers). */
  eventTimes: ReadonlyMap<string, Date>,
  settings: Pick<PersonaSignalSettings, 'evaluationIntervalSeconds' | 'maxSegmentsPerBatch'>,
): DueSegment[] {
  const intervalMs = settings.evaluationIntervalSeconds * 1000;
  const due = touched.flatMap((segment) => {
    const key = segmentKey(segment);
    const eventTime = eventTimes.get(key);
    if (!eventTime) return [];
    const last = lastEvaluated.get(key);
    if (last && intervalMs > 0 && eventTime.getTime() - last.getTime() < intervalMs) return [];
    return [
      { key, segment, last: last?.getTime() ?? -Infinity, at: last && last > eventTime ? last : eventTime },
    ];
  });
  return due
    .sort((a, b) => a.last - b.last || compareText(a.key, b.key))
    .slice(0, settings.maxSegmentsPerBatch)
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ segment, at }) => ({ segment, at }));
}

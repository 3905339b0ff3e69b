import { ContentTopicSettings } from './content-topic-settings';
import { TermSignificance } from './term-significance';
import { growthText, TopicFigures } from './topic-figures';
import { TopicKind } from './topic-key';

export const TOPIC_STATUSES = ['open', 'cleared'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export type TopicChange = 'raised' | 'updated' | 'cleared' | 'none';

/** What the topic's consumers last heard of it. */
export interface AnnouncedTopic {
  status: TopicStatus;
  volume: number;
  score: number;
}

/** A topic's figures now. */
export interface TopicReading {
  kind: TopicKind;
  figures: TopicFigures;
  score: number;
  /** Issue-code topics: rank by score among every issue code with cases in the window. */
  rank: number | null;
  /** Term topics: the emerging-term test. */
  significance: TermSignificance | null;
}

export interface TopicDecision {
  change: TopicChange;
  /** Why, in words, with the figures and the thresholds they were held to. */
  because: string[];
}

/**
 * What a topic's figures do to its insight, with hysteresis so it does not flap:
 *
 *   not open (never raised, or cleared):  it qualifies to be raised → raised, else none
 *   open:                                 it no longer qualifies to stay open → cleared
 *                                         volume or score moved materially → updated
 *                                         else none
 *
 * Issue codes qualify to be raised with volume ≥ raise.minVolume AND (growth ≥ raise.minGrowth, or
 * new — no cases in the previous window —, or rank ≤ raise.topN); they stay open with the looser
 * `keep` thresholds. Terms qualify with volume ≥ terms.minVolume, lift ≥ terms.minLift and
 * G² ≥ terms.minKeyness, and stay open with volume ≥ terms.keepVolume and lift ≥ terms.keepLift.
 * A material move: |Δvolume| ≥ max(update.minVolumeChange, update.minRelativeVolumeChange × the
 * volume last announced), or |Δscore| ≥ update.minScoreChange. Pure.
 */
export function topicTransition(
  announced: AnnouncedTopic | undefined,
  reading: TopicReading,
  settings: ContentTopicSettings,
): TopicDecision {
  if (announced?.status !== 'open') {
    const raise = raiseReasons(reading, settings);
    return raise ? { change: 'raised', because: raise } : { change: 'none', because: [] };
  }
  const clear = clearReasons(reading, settings);
  if (clear) return { change: 'cleared', because: clear };
  const moved = movedReasons(announced, reading, settings.update);
  return moved.length > 0 ? { change: 'updated', because: moved } : { change: 'none', because: [] };
}

/** The reasons it qualifies to be raised, or null when it does not. */
export function raiseReasons(reading: TopicReading, settings: ContentTopicSettings): string[] | null {
  const { volume, growth } = reading.figures;
  if (reading.kind === 'term') {
    const { minVolume, minLift, minKeyness } = settings.terms;
    const significance = reading.significance;
    if (!significance || volume < minVolume || significance.lift < minLift || significance.g2 < minKeyness) {
      return null;
    }
    return [
      `volume ${volume} ≥ ${minVolume}`,
      `rate among unclassified and low-confidence cases ${significance.lift}× the previous window's (≥ ${minLift}×)`,
      `G² ${significance.g2} ≥ ${minKeyness}`,
    ];
  }
  const { minVolume, minGrowth, topN } = settings.raise;
  if (volume < minVolume) return null;
  const reasons = [`volume ${volume} ≥ ${minVolume}`];
  if (growth === null) reasons.push('new: no cases in the previous window');
  else if (growth >= minGrowth) reasons.push(`growth ${growthText(growth)} ≥ ${growthText(minGrowth)}`);
  if (reading.rank !== null && reading.rank <= topN) reasons.push(`rank ${reading.rank} ≤ ${topN}`);
  return reasons.length > 1 ? reasons : null;
}

/** The reasons an open topic no longer qualifies to stay open, or null while it does. */
export function clearReasons(reading: TopicReading, settings: ContentTopicSettings): string[] | null {
  const { volume, growth } = reading.figures;
  if (reading.kind === 'term') {
    const { keepVolume, keepLift } = settings.terms;
    const lift = reading.significance?.lift ?? 0;
    if (volume < keepVolume) return [`volume ${volume} < ${keepVolume}`];
    if (lift < keepLift) return [`rate ${lift}× the previous window's < ${keepLift}×`];
    return null;
  }
  const { minVolume, minGrowth, topN } = settings.keep;
  if (volume < minVolume) return [`volume ${volume} < ${minVolume}`];
  const rising = growth === null || growth >= minGrowth;
  const ranked = reading.rank !== null && reading.rank <= topN;
  if (rising || ranked) return null;
  return [
    `growth ${growthText(growth)} < ${growthText(minGrowth)}`,
    reading.rank === null ? 'no rank' : `rank ${reading.rank} > ${topN}`,
  ];
}

function movedReasons(
  announced: AnnouncedTopic,
  reading: TopicReading,
  update: ContentTopicSettings['update'],
): string[] {
  const reasons: string[] = [];
  const volumeStep = Math.max(update.minVolumeChange, update.minRelativeVolumeChange * announced.volume);
  if (Math.abs(reading.figures.volume - announced.volume) >= volumeStep) {
    reasons.push(`volume ${announced.volume} → ${reading.figures.volume}`);
  }
  if (Math.abs(reading.score - announced.score) >= update.minScoreChange) {
    reasons.push(`score ${announced.score} → ${reading.score}`);
  }
  return reasons;
}

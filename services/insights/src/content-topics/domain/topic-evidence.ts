import { isSingleSegmentGroupKind, SEGMENT_GROUP_PREFIX } from '../../customers/domain/segments';
import { ContentTopicSettings } from './content-topic-settings';
import { round } from './topic-figures';

/** Cases of one group (`segment.industry`/`retail`, `channel`/`chat`…) in a window. */
export interface GroupCount {
  groupKind: string;
  groupValue: string;
  cases: number;
}

export interface TopSegment {
  /** `industry`, `plan`, `region`, `companySize`, `role`. */
  attribute: string;
  value: string;
  /** The topic's cases from this segment. */
  cases: number;
  /** cases ÷ the topic's volume. */
  share: number;
  /** share ÷ the segment's share of all cases in the window: 1.5 = "1.5× more than its weight". */
  lift: number;
}

/**
 * The segments most affected by a topic: of the segment values with at least `minCases` of the
 * topic's cases, those over-represented (lift > 1), highest lift first (then more cases, then
 * attribute and value in code-point order), at most `max`. The lift compares the segment's share of
 * the topic with its share of every case in the same window (`base`, `baseTotal`). Pure.
 */
export function topSegments(
  topicCounts: readonly GroupCount[],
  volume: number,
  base: readonly GroupCount[],
  baseTotal: number,
  settings: ContentTopicSettings['segments'],
): TopSegment[] {
  if (volume <= 0 || baseTotal <= 0) return [];
  const baseOf = new Map(base.map((g) => [`${g.groupKind}\u0000${g.groupValue}`, g.cases]));
  const segments: TopSegment[] = [];
  for (const group of topicCounts) {
    // One attribute's segments only: the contract names a segment by one attribute (pairs are persona signals').
    if (!isSingleSegmentGroupKind(group.groupKind) || group.cases < settings.minCases) continue;
    const baseCases = baseOf.get(`${group.groupKind}\u0000${group.groupValue}`) ?? 0;
    if (baseCases <= 0) continue;
    const share = group.cases / volume;
    const lift = share / (baseCases / baseTotal);
    if (lift <= 1) continue;
    segments.push({
      attribute: group.groupKind.slice(SEGMENT_GROUP_PREFIX.length),
      value: group.groupValue,
      cases: group.cases,
      share: round(share, 3),
      lift: round(lift, 2),
    });
  }
  return segments
    .sort(
      (a, b) =>
        b.lift - a.lift ||
        b.cases - a.cases ||
        compare(a.attribute, b.attribute) ||
        compare(a.value, b.value),
    )
    .slice(0, settings.max);
}

export interface ChannelCount {
  channel: string;
  cases: number;
}

/** The channels a topic's cases came in on, most first (then code-point order), at most `max`. Pure. */
export function topChannels(counts: readonly ChannelCount[], max = 3): ChannelCount[] {
  return counts
    .filter((c) => c.cases > 0)
    .sort((a, b) => b.cases - a.cases || compare(a.channel, b.channel))
    .slice(0, max);
}

/** A candidate example: a case's masked phrasing. */
export interface PhrasingCandidate {
  phrasing: string | null;
  openedAt: string;
  source: string;
  caseId: string;
}

/**
 * Example phrasings: the latest first (then source and case id), each text once (white space
 * collapsed, any case), at most `max`. The phrasings were masked by the classifier (emails, phone
 * and card numbers…): insights never holds the raw text. Pure.
 */
export function pickExamples(candidates: readonly PhrasingCandidate[], max: number): string[] {
  const ordered = [...candidates].sort(
    (a, b) => compare(b.openedAt, a.openedAt) || compare(a.source, b.source) || compare(a.caseId, b.caseId),
  );
  const seen = new Set<string>();
  const examples: string[] = [];
  for (const candidate of ordered) {
    if (examples.length >= max) break;
    const text = exampleText(candidate.phrasing);
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    examples.push(text);
  }
  return examples;
}

/**
 * A phrasing as an example quotes it: white space collapsed and trimmed ('' for none). An erasure
 * finds the examples quoting an erased case by this exact text. Pure.
 */
export function exampleText(phrasing: string | null): string {
  return (phrasing ?? '').replace(/\s+/g, ' ').trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

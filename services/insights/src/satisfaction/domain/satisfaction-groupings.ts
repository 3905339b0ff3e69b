import { RATING_TOPICS, RatingTopic, SEGMENT_ATTRIBUTES, SegmentAttribute } from '@supportlens/contracts';

/** The groupings by topic rating: `rating.<topic>`, each with the groups `low`, `mid`, `high`. */
export const RATING_GROUPINGS = RATING_TOPICS.map((topic) => `rating.${topic}` as const);
export type RatingGrouping = `rating.${RatingTopic}`;

/** The axes satisfaction can be broken down by; each response adds to one rollup row per axis it has. */
export const SATISFACTION_GROUPINGS = [
  'none',
  'segment.industry',
  'segment.plan',
  'segment.region',
  'segment.companySize',
  'segment.role',
  'channel',
  'agent',
  'issueCode',
  ...RATING_GROUPINGS,
] as const;
export type SatisfactionGrouping = (typeof SATISFACTION_GROUPINGS)[number];

export { SEGMENT_ATTRIBUTES };
export type { SegmentAttribute };

/** The one group of the `none` grouping: every response. */
export const ALL_RESPONSES = 'all';

export const RATING_BUCKETS = ['low', 'mid', 'high'] as const;
/** A topic rating (1–5) in three groups: `low` 1–2, `mid` 3, `high` 4–5 (the top two boxes, like CSAT). */
export type RatingBucket = (typeof RATING_BUCKETS)[number];

/**
 * The bucket of a rating. Cut at ≤ 2 and < 4 rather than matched to 1…5, so any number lands in one
 * bucket and the migration's SQL (`CASE WHEN r <= 2 … WHEN r < 4 …`) agrees with it exactly. Pure.
 */
export function ratingBucket(rating: number): RatingBucket {
  if (rating <= 2) return 'low';
  if (rating < 4) return 'mid';
  return 'high';
}

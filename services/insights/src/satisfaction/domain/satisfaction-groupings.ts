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
] as const;
export type SatisfactionGrouping = (typeof SATISFACTION_GROUPINGS)[number];

export const SEGMENT_ATTRIBUTES = ['industry', 'plan', 'region', 'companySize', 'role'] as const;
export type SegmentAttribute = (typeof SEGMENT_ATTRIBUTES)[number];

/** The one group of the `none` grouping: every response. */
export const ALL_RESPONSES = 'all';

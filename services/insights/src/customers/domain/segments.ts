import { SEGMENT_ATTRIBUTES, SEGMENT_PAIRS, SegmentAttribute } from '@supportlens/contracts';

export { SEGMENT_ATTRIBUTES, SEGMENT_PAIRS };
export type { SegmentAttribute };

/** One attribute's value: industry = retail. */
export interface SegmentCondition {
  attribute: SegmentAttribute;
  value: string;
}

/**
 * A segment of customers: one attribute's value, or two of a listed pair (`and`, the pair's second
 * attribute): industry = retail and companySize = 51-200.
 */
export interface Segment extends SegmentCondition {
  and?: SegmentCondition;
}

/** How a segment is stored, keyed and grouped by in the rollups (see {@link segmentColumns}). */
export interface SegmentColumns {
  attribute: string;
  value: string;
}

/** The prefix of every segment group kind in the rollups (`segment.industry`, `segment.industry+companySize`). */
export const SEGMENT_GROUP_PREFIX = 'segment.';

/**
 * The segments a customer snapshot's segment puts them in: each attribute it has a non-empty string
 * value for, in SEGMENT_ATTRIBUTES order, then each listed pair it has both values of. Pure.
 */
export function segmentsOf(segment: unknown): Segment[] {
  if (segment === null || typeof segment !== 'object') return [];
  const values = segment as Record<string, unknown>;
  const valueOf = (attribute: SegmentAttribute): string | undefined => {
    const value = values[attribute];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const segments: Segment[] = [];
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const value = valueOf(attribute);
    if (value !== undefined) segments.push({ attribute, value });
  }
  for (const [first, second] of SEGMENT_PAIRS) {
    const value = valueOf(first);
    const other = valueOf(second);
    if (value !== undefined && other !== undefined) {
      segments.push({ attribute: first, value, and: { attribute: second, value: other } });
    }
  }
  return segments;
}

/**
 * A segment as one attribute and one value: `industry` / `retail`, and for a pair
 * `industry+companySize` / `["retail","51-200"]`. The pair's value is JSON so that values holding any
 * character (a `+`, a quote) never run together; the SQL twin is
 * `'[' || to_json(a)::text || ',' || to_json(b)::text || ']'` (the same escapes, no spaces). Attribute
 * names hold neither `=` nor `+`, so `attribute=value` keys of singles and pairs never collide.
 */
export function segmentColumns(segment: Segment): SegmentColumns {
  if (!segment.and) return { attribute: segment.attribute, value: segment.value };
  return {
    attribute: `${segment.attribute}+${segment.and.attribute}`,
    value: JSON.stringify([segment.value, segment.and.value]),
  };
}

/** The segment stored as {@link segmentColumns}; undefined for anything that is not one. */
export function segmentFromColumns(attribute: string, value: string): Segment | undefined {
  const names = attribute.split('+');
  if (names.length === 1) return isSegmentAttribute(attribute) ? { attribute, value } : undefined;
  const pair = SEGMENT_PAIRS.find(([first, second]) => names[0] === first && names[1] === second);
  if (!pair || names.length !== 2) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== 2 || !values.every((v) => typeof v === 'string')) {
    return undefined;
  }
  return { attribute: pair[0], value: values[0], and: { attribute: pair[1], value: values[1] } };
}

/** `industry=retail`, `industry+companySize=["retail","51-200"]`: how a segment is named in keys. */
export function segmentKey(segment: Segment): string {
  const { attribute, value } = segmentColumns(segment);
  return `${attribute}=${value}`;
}

/** The segment's group in the rollups (`case_daily`, `group_daily`, `satisfaction_daily`). */
export function segmentGroup(segment: Segment): { kind: string; value: string } {
  const { attribute, value } = segmentColumns(segment);
  return { kind: `${SEGMENT_GROUP_PREFIX}${attribute}`, value };
}

export function isSegmentAttribute(value: unknown): value is SegmentAttribute {
  return typeof value === 'string' && (SEGMENT_ATTRIBUTES as readonly string[]).includes(value);
}

/** Whether a rollup group kind is one attribute's (`segment.industry`), not a pair's. */
export function isSingleSegmentGroupKind(kind: string): boolean {
  return kind.startsWith(SEGMENT_GROUP_PREFIX) && isSegmentAttribute(kind.slice(SEGMENT_GROUP_PREFIX.length));
}

/** The segment as the persona-signal contract names it: `attribute`, `value`, and a pair's `and`. */
export function toContractSegment(segment: Segment): Segment {
  return segment.and
    ? { attribute: segment.attribute, value: segment.value, and: { ...segment.and } }
    : { attribute: segment.attribute, value: segment.value };
}

import { SatisfactionLevel } from '@supportlens/contracts';

/** How the latest answer compares with the one before it: `up` is better for every measure here. */
export type TrendDirection = 'up' | 'down' | 'flat';

export interface Answer<T> {
  value: T;
  /** When the customer answered (`respondedAt`), RFC 3339. */
  at: string;
}

/** The last answer to a measure, the one before it, and the direction between them. */
export interface Trend<T> {
  last: T;
  lastAt: string;
  previous: T | null;
  previousAt: string | null;
  /** null with a single answer: one point has no direction. */
  direction: TrendDirection | null;
}

/** Higher is better (CSAT 1–5, NPS 0–10); any change is a direction, an equal answer is flat. */
export function scoreDirection(last: number, previous: number | null): TrendDirection | null {
  if (previous === null) return null;
  if (last > previous) return 'up';
  return last < previous ? 'down' : 'flat';
}

/** SERVQUAL levels in order: below expectation, at it, above it. */
const LEVEL_RANK: Record<SatisfactionLevel, number> = { dissatisfied: 0, satisfied: 1, delighted: 2 };

export function isSatisfactionLevel(value: unknown): value is SatisfactionLevel {
  return typeof value === 'string' && Object.hasOwn(LEVEL_RANK, value);
}

/** Compares SERVQUAL levels by their order, so satisfied → delighted is up and a level kept is flat. */
export function levelDirection(
  last: SatisfactionLevel,
  previous: SatisfactionLevel | null,
): TrendDirection | null {
  return scoreDirection(LEVEL_RANK[last], previous === null ? null : LEVEL_RANK[previous]);
}

/** The trend of a measure from its last two answers; null when the customer never answered it. */
export function trendOf<T>(
  last: Answer<T> | null,
  previous: Answer<T> | null,
  direction: (last: T, previous: T | null) => TrendDirection | null,
): Trend<T> | null {
  if (last === null) return null;
  return {
    last: last.value,
    lastAt: last.at,
    previous: previous?.value ?? null,
    previousAt: previous?.at ?? null,
    direction: direction(last.value, previous?.value ?? null),
  };
}

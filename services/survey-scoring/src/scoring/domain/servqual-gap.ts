import {
  SERVQUAL_DIMENSIONS,
  ServqualAnswers,
  ServqualDimension,
  ServqualItem,
  ServqualRating,
} from '@supportlens/contracts';

/** One answered dimension, at full precision: the means of its items on the 1–7 scale and their gap. */
export interface DimensionGap {
  dimension: ServqualDimension;
  /** Mean expectation over the dimension's items, 1–7. */
  expectation: number;
  /** Mean perception over the dimension's items, 1–7. */
  perception: number;
  /** Mean perception − mean expectation, −6…+6 (negative: the service fell short). */
  gap: number;
  /** How many items (short-form rating and long-form items together) were averaged. */
  items: number;
}

/** The dimensions a response answered (in SERVQUAL_DIMENSIONS order) and the ones it did not. */
export interface ServqualGaps {
  scored: DimensionGap[];
  missing: ServqualDimension[];
}

/** Position of a dimension in SERVQUAL_DIMENSIONS, −1 for anything else (no prototype lookups). */
export function dimensionIndexOf(dimension: string): number {
  switch (dimension) {
    case 'reliability':
      return 0;
    case 'responsiveness':
      return 1;
    case 'assurance':
      return 2;
    case 'empathy':
      return 3;
    case 'tangibles':
      return 4;
    default:
      return -1;
  }
}

/**
 * The SERVQUAL gap per dimension. A response may carry the short form (`servqual`, one rating per
 * dimension), the long form (`servqualItems`, several items per dimension), or both: every item of a
 * dimension, from either form, counts once in its means, and the gap is mean perception − mean
 * expectation. A dimension without any item is missing: listed, never scored as zero. Undefined when
 * no dimension was answered at all. Pure; unrounded.
 */
export function measureServqualGaps(
  servqual: ServqualAnswers | null | undefined,
  items: readonly ServqualItem[] | null | undefined,
): ServqualGaps | undefined {
  // Per dimension, in SERVQUAL_DIMENSIONS order: Σ expectation, Σ perception, item count.
  const expectations = [0, 0, 0, 0, 0];
  const perceptions = [0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0];
  let answered = 0;

  if (servqual != null) {
    for (let i = 0; i < SERVQUAL_DIMENSIONS.length; i++) {
      const rating: ServqualRating | null | undefined = servqual[SERVQUAL_DIMENSIONS[i]];
      if (rating == null) continue;
      expectations[i] += rating.expectation;
      perceptions[i] += rating.perception;
      counts[i]++;
      answered++;
    }
  }
  if (Array.isArray(items)) {
    for (const item of items) {
      const i = item == null ? -1 : dimensionIndexOf(item.dimension);
      if (i < 0) continue;
      expectations[i] += item.expectation;
      perceptions[i] += item.perception;
      counts[i]++;
      answered++;
    }
  }
  if (answered === 0) return undefined;

  const scored: DimensionGap[] = [];
  const missing: ServqualDimension[] = [];
  for (let i = 0; i < SERVQUAL_DIMENSIONS.length; i++) {
    const n = counts[i];
    if (n === 0) {
      missing.push(SERVQUAL_DIMENSIONS[i]);
      continue;
    }
    scored.push({
      dimension: SERVQUAL_DIMENSIONS[i],
      expectation: expectations[i] / n,
      perception: perceptions[i] / n,
      gap: (perceptions[i] - expectations[i]) / n,
      items: n,
    });
  }
  return { scored, missing };
}

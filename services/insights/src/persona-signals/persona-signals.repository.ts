import { PersonaSignalComparison } from '@supportlens/contracts';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { Against, Dimension, Direction } from './domain/evaluate-segment';
import { Segment, SegmentAttribute, segmentFromColumns } from '../customers/domain/segments';
import { SignalStatus } from './domain/signal-transition';
import { PersonaSignalSort } from './persona-signals.query';
import { PersonaSignalPage, PersonaSignalView } from './persona-signals.view';

interface PersonaSignalRow {
  key: string;
  /** As stored: `industry`, or a pair's `industry+companySize` (see segmentColumns). */
  attribute: string;
  segment_value: string;
  dimension: Dimension;
  item: string;
  status: SignalStatus;
  headline: Against;
  direction: Direction;
  score: number;
  effect_size: number;
  ratio: number | null;
  difference_points: number;
  sentence: string;
  comparisons: PersonaSignalComparison[];
  family_size: number;
  window_start: string;
  window_end: string;
  raised_at: Date;
  updated_at: Date;
  cleared_at: Date | null;
  version: number;
  sort_value: number;
}

export interface PersonaSignalFilter {
  openOnly: boolean;
  /**
   * Signals about segments that hold every one of these attribute values (a segment of one attribute,
   * or a pair holding it); empty: every segment.
   */
  segment: Partial<Record<SegmentAttribute, string>>;
  dimension: Dimension | null;
  /** The item (issue code, channel) within `dimension`. */
  item: string | null;
  minScore: number;
  minEffect: number;
  changedFrom: Date | null;
  changedBefore: Date | null;
  sort: PersonaSignalSort;
  limit: number;
  cursor?: string;
}

/** The sort keys, from a fixed list (never from input): each descending, then by key. */
const SORT_EXPRESSIONS: Record<PersonaSignalSort, string> = {
  score: 'p.score',
  effect: 'p.effect_size',
  recent: '(extract(epoch FROM p.updated_at) * 1000)::double precision',
};

/**
 * A stored signal's segment as attribute → value (`{"industry": "retail", "companySize": "51-200"}`
 * for a pair), so that `@>` asks "holds every named value".
 */
const SEGMENT_CONDITIONS_SQL = `(CASE WHEN strpos(p.attribute, '+') = 0
  THEN jsonb_build_object(p.attribute, p.segment_value)
  ELSE jsonb_build_object(split_part(p.attribute, '+', 1), p.segment_value::jsonb ->> 0,
                          split_part(p.attribute, '+', 2), p.segment_value::jsonb ->> 1) END)`;

/** The read side of `insights.persona_signals`. */
export class PersonaSignalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keyset-paginated: the sort key descending, then the signal key descending. */
  async page(filter: PersonaSignalFilter): Promise<PersonaSignalPage> {
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor, ['number', 'string']);
    const sort = SORT_EXPRESSIONS[filter.sort];
    const rows: PersonaSignalRow[] = await this.dataSource.query(
      `SELECT p.key, p.attribute, p.segment_value, p.dimension, p.item, p.status, p.headline, p.direction,
              p.score, p.effect_size, p.ratio, p.difference_points, p.sentence, p.comparisons, p.family_size,
              to_char(p.window_start, 'YYYY-MM-DD') AS window_start, to_char(p.window_end, 'YYYY-MM-DD') AS window_end,
              p.raised_at, p.updated_at, p.cleared_at, p.version, ${sort} AS sort_value
       FROM insights.persona_signals p
       WHERE (NOT $1::boolean OR p.status = 'open')
         AND ${SEGMENT_CONDITIONS_SQL} @> $2::jsonb
         AND ($3::text IS NULL OR p.dimension = $3)
         AND ($4::text IS NULL OR p.item = $4)
         AND p.score >= $5
         AND p.effect_size >= $6
         AND ($7::timestamptz IS NULL OR p.updated_at >= $7)
         AND ($8::timestamptz IS NULL OR p.updated_at < $8)
         AND ($9::double precision IS NULL OR (${sort}, p.key) < ($9::double precision, $10::text))
       ORDER BY ${sort} DESC, p.key DESC
       LIMIT $11`,
      [
        filter.openOnly,
        JSON.stringify(filter.segment),
        filter.dimension,
        filter.item,
        filter.minScore,
        filter.minEffect,
        filter.changedFrom,
        filter.changedBefore,
        after?.[0] ?? null,
        after?.[1] ?? null,
        filter.limit + 1,
      ],
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor([Number(last.sort_value), last.key]) : null,
    };
  }
}

function toView(row: PersonaSignalRow): PersonaSignalView {
  return {
    key: row.key,
    status: row.status,
    segment: storedSegment(row),
    dimension: row.dimension,
    item: row.item,
    headline: row.headline,
    direction: row.direction,
    sentence: row.sentence,
    score: row.score,
    effectSize: row.effect_size,
    ratio: row.ratio,
    differencePoints: row.difference_points,
    comparisons: row.comparisons,
    familySize: row.family_size,
    window: { start: row.window_start, end: row.window_end },
    raisedAt: row.raised_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    clearedAt: row.cleared_at === null ? null : row.cleared_at.toISOString(),
    version: row.version,
  };
}

/** The row's segment; a stored pair the code no longer lists is shown as its columns say. */
function storedSegment(row: PersonaSignalRow): Segment {
  return (
    segmentFromColumns(row.attribute, row.segment_value) ??
    ({ attribute: row.attribute, value: row.segment_value } as Segment)
  );
}

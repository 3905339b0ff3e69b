import { CandidateProgramme, CandidateScoreParts } from '@supportlens/contracts';
import { DataSource } from 'typeorm';
import { CursorPart, decodeCursor, encodeCursor } from '../http/cursor';
import { CandidateSort, FocusGroupDimension } from './candidates.query';
import { CandidatePage, CandidateView, StoredCandidateEvidence } from './candidates.view';
import { DrawCandidate } from './domain/stratified-draw';

interface CandidateRow {
  customer_id: string;
  score: number;
  score_parts: CandidateScoreParts;
  programmes: CandidateProgramme[];
  evidence: StoredCandidateEvidence;
  lifetime_value: string | null;
  segment: Record<string, string> | null;
  raised_at: Date;
  updated_at: Date;
  version: number;
}

/** What both candidate endpoints filter open candidacies by. */
export interface CandidateFilter {
  /** Segment attributes that must all match (the profile's segment as last sent). */
  segment: Partial<Record<FocusGroupDimension, string>>;
  minScore: number;
  programme: CandidateProgramme | null;
  /** Of the case resolved well. */
  issueCode: string | null;
  /** Raised in [raisedFrom, raisedBefore); either end may be open. */
  raisedFrom: Date | null;
  raisedBefore: Date | null;
}

export interface CandidatePageRequest extends CandidateFilter {
  sort: CandidateSort;
  limit: number;
  cursor?: string;
}

/** A focus-group candidate as the draw is offered it, with how many its segment value has in all. */
export type PoolCandidate = CandidateView & DrawCandidate & { available: number };

const SELECT = `
  SELECT c.customer_id, c.score, c.score_parts, c.programmes, c.evidence, c.lifetime_value, p.segment,
         c.raised_at, c.updated_at, c.version
  FROM insights.case_study_candidates c
  LEFT JOIN insights.customer_profiles p USING (customer_id)
  WHERE c.level = 'candidate'`;

// $1 … $6: the filters, bound in this order by filterParameters.
const FILTERS = `
    AND c.score >= $1
    AND ($2::text IS NULL OR c.programmes @> jsonb_build_array($2::text))
    AND ($3::text IS NULL OR c.issue_code = $3)
    AND ($4::timestamptz IS NULL OR c.raised_at >= $4)
    AND ($5::timestamptz IS NULL OR c.raised_at < $5)
    AND ($6::jsonb IS NULL OR coalesce(p.segment, '{}'::jsonb) @> $6::jsonb)`;

/** Keyset pages per sort: the order and the "after the cursor" condition on $7, $8. */
const PAGES: Record<CandidateSort, { after: string; order: string; cursor: CursorPart[] }> = {
  score: {
    after: `AND ($7::int IS NULL OR (c.score, c.customer_id) < ($7::int, $8::text))`,
    order: `ORDER BY c.score DESC, c.customer_id DESC`,
    cursor: ['integer', 'string'],
  },
  recent: {
    after: `AND ($7::timestamptz IS NULL OR (c.raised_at, c.customer_id) < ($7::timestamptz, $8::text))`,
    order: `ORDER BY c.raised_at DESC, c.customer_id DESC`,
    cursor: ['timestamp', 'string'],
  },
};

/**
 * Reads `insights.case_study_candidates` (open candidacies only) for the API. Plain class over the
 * DataSource: the candidates and customers controllers build it themselves.
 */
export class CandidatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Open candidacies matching the filters, keyset-paginated in the requested order. */
  async page(request: CandidatePageRequest): Promise<CandidatePage> {
    const page = PAGES[request.sort];
    const after = request.cursor === undefined ? null : decodeCursor(request.cursor, page.cursor);
    const rows: CandidateRow[] = await this.dataSource.query(
      `${SELECT} ${FILTERS} ${page.after} ${page.order} LIMIT $9`,
      [...filterParameters(request), after?.[0] ?? null, after?.[1] ?? null, request.limit + 1],
    );
    const items = rows.slice(0, request.limit).map(toView);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > request.limit && last
        ? encodeCursor(
            request.sort === 'score' ? [last.score, last.customerId] : [last.raisedAt, last.customerId],
          )
        : null;
    return { items, nextCursor };
  }

  /**
   * The focus-group pool: the best `perValue` focus-group candidates of each value of `by` (by score,
   * then customer id), with each value's total. A group of `perValue` never needs more of one value.
   */
  async focusGroupPool(
    filter: CandidateFilter,
    by: FocusGroupDimension,
    perValue: number,
  ): Promise<PoolCandidate[]> {
    const rows: Array<CandidateRow & { stratum: string | null; available: number }> =
      await this.dataSource.query(
        `SELECT * FROM (
         SELECT ranked.*,
                row_number() OVER (PARTITION BY stratum ORDER BY score DESC, customer_id COLLATE "C") AS rank,
                count(*) OVER (PARTITION BY stratum)::int AS available
         FROM (SELECT candidates.*, candidates.segment ->> $7::text AS stratum
               FROM (${SELECT} ${FILTERS}) candidates) ranked
       ) pool
       WHERE rank <= $8
       ORDER BY score DESC, customer_id COLLATE "C"`,
        [...filterParameters({ ...filter, programme: 'focusGroup' }), by, perValue],
      );
    return rows.map((row) => ({ ...toView(row), stratum: row.stratum, available: row.available }));
  }

  /** The customer's open candidacy, or null. */
  async openFor(customerId: string): Promise<CandidateView | null> {
    const rows: CandidateRow[] = await this.dataSource.query(`${SELECT} AND c.customer_id = $1`, [
      customerId,
    ]);
    return rows.length === 0 ? null : toView(rows[0]);
  }
}

function filterParameters(filter: CandidateFilter): unknown[] {
  const segment = Object.fromEntries(
    Object.entries(filter.segment).filter(([, value]) => value !== undefined),
  );
  return [
    filter.minScore,
    filter.programme,
    filter.issueCode,
    filter.raisedFrom?.toISOString() ?? null,
    filter.raisedBefore?.toISOString() ?? null,
    Object.keys(segment).length === 0 ? null : JSON.stringify(segment),
  ];
}

function toView(row: CandidateRow): CandidateView {
  return {
    customerId: row.customer_id,
    score: row.score,
    scoreParts: row.score_parts,
    programmes: row.programmes,
    segment: row.segment ?? {},
    lifetimeValue: row.lifetime_value === null ? null : Number(row.lifetime_value),
    evidence: row.evidence,
    raisedAt: row.raised_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { ChurnRiskSegmentAttribute, ChurnRiskSort } from './churn-risk.query';
import { ChurnRiskListItem, ChurnRiskPage, ChurnRiskView } from './churn-risk.view';
import { ChurnReason } from './domain/score-churn-risk';

interface ChurnRiskRow {
  customer_id: string;
  score: number;
  level: 'at_risk' | 'cleared';
  reasons: ChurnReason[];
  suggested_action: string | null;
  lifetime_value: string | null;
  segment: Record<string, string> | null;
  raised_at: Date;
  updated_at: Date;
  cleared_at: Date | null;
  version: number;
  /** `updated_at` to the microsecond, UTC, for the `recent` cursor. */
  updated_key: string;
}

export interface ChurnRiskFilter {
  /** Only insights in force (`at_risk`); false: cleared ones too. */
  openOnly: boolean;
  /** Segment attributes that must all match (the profile's segment as last sent). */
  segment: Partial<Record<ChurnRiskSegmentAttribute, string>>;
  /** The top issue code the insight's evidence names. */
  issueCode: string | null;
  minScore: number;
  /** Raised or last changed (updated, cleared) in [changedFrom, changedBefore); either end may be open. */
  changedFrom: Date | null;
  changedBefore: Date | null;
  sort: ChurnRiskSort;
  limit: number;
  cursor?: string;
}

const SELECT = `
  SELECT r.customer_id, r.score, r.level, r.reasons, r.suggested_action, r.lifetime_value, p.segment,
         r.raised_at, r.updated_at, r.cleared_at, r.version,
         to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_key
  FROM insights.churn_risk r
  LEFT JOIN insights.customer_profiles p USING (customer_id)
  WHERE true`;

/** A fixed fragment (never built from input), so the open list can use `churn_risk_open_by_score`. */
const OPEN_ONLY = `AND r.level = 'at_risk'`;

/**
 * $1 … $5: the filters, bound in this order by filterParameters. `issueCode` is the customer's top
 * issue code in the churn window as of the insight's last change.
 */
const FILTERS = `
    AND r.score >= $1
    AND ($2::jsonb IS NULL OR coalesce(p.segment, '{}'::jsonb) @> $2::jsonb)
    AND ($3::text IS NULL OR r.top_issue_code = $3::text)
    AND ($4::timestamptz IS NULL OR r.updated_at >= $4)
    AND ($5::timestamptz IS NULL OR r.updated_at < $5)`;

/** Keyset pages per sort: the order and the "after the cursor" condition on $6, $7. */
const PAGES: Record<
  ChurnRiskSort,
  {
    after: string;
    order: string;
    cursor: ('number' | 'string')[];
    key: (row: ChurnRiskRow) => [number | string, string];
  }
> = {
  score: {
    after: `AND ($6::int IS NULL OR (r.score, r.customer_id) < ($6::int, $7::text))`,
    order: `ORDER BY r.score DESC, r.customer_id DESC`,
    cursor: ['number', 'string'],
    key: (row) => [row.score, row.customer_id],
  },
  recent: {
    after: `AND ($6::timestamptz IS NULL OR (r.updated_at, r.customer_id) < ($6::timestamptz, $7::text))`,
    order: `ORDER BY r.updated_at DESC, r.customer_id DESC`,
    cursor: ['string', 'string'],
    key: (row) => [row.updated_key, row.customer_id],
  },
};

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

@Injectable()
export class ChurnRiskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Insights matching the filters, keyset-paginated in the requested order (then customer id descending). */
  async page(filter: ChurnRiskFilter): Promise<ChurnRiskPage> {
    const page = PAGES[filter.sort];
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor, page.cursor);
    if (after && filter.sort === 'recent' && !CURSOR_TIME.test(after[0] as string)) {
      throw new BadRequestException('cursor is not one this API returned');
    }
    const rows: ChurnRiskRow[] = await this.dataSource.query(
      `${SELECT} ${filter.openOnly ? OPEN_ONLY : ''} ${FILTERS} ${page.after} ${page.order} LIMIT $8`,
      [...filterParameters(filter), after?.[0] ?? null, after?.[1] ?? null, filter.limit + 1],
    );
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toListItem),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(page.key(last)) : null,
    };
  }

  /** The customer's open insight, or null. */
  async openFor(customerId: string): Promise<ChurnRiskView | null> {
    const rows: ChurnRiskRow[] = await this.dataSource.query(
      `${SELECT} ${OPEN_ONLY} AND r.customer_id = $1`,
      [customerId],
    );
    return rows.length === 0 ? null : toView(rows[0]);
  }
}

function filterParameters(filter: ChurnRiskFilter): unknown[] {
  const segment = Object.fromEntries(
    Object.entries(filter.segment).filter(([, value]) => value !== undefined),
  );
  return [
    filter.minScore,
    Object.keys(segment).length === 0 ? null : JSON.stringify(segment),
    filter.issueCode,
    filter.changedFrom?.toISOString() ?? null,
    filter.changedBefore?.toISOString() ?? null,
  ];
}

function toView(row: ChurnRiskRow): ChurnRiskView {
  return {
    customerId: row.customer_id,
    score: row.score,
    reasons: row.reasons,
    suggestedAction: row.suggested_action,
    lifetimeValue: row.lifetime_value === null ? null : Number(row.lifetime_value),
    segment: row.segment ?? {},
    raisedAt: row.raised_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

function toListItem(row: ChurnRiskRow): ChurnRiskListItem {
  return {
    ...toView(row),
    status: row.level === 'at_risk' ? 'open' : 'cleared',
    clearedAt: row.cleared_at === null ? null : row.cleared_at.toISOString(),
  };
}

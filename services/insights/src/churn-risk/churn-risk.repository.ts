import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { ChurnRiskPage, ChurnRiskView } from './churn-risk.view';
import { ChurnReason } from './domain/score-churn-risk';

interface ChurnRiskRow {
  customer_id: string;
  score: number;
  reasons: ChurnReason[];
  suggested_action: string | null;
  lifetime_value: string | null;
  segment: Record<string, string> | null;
  raised_at: Date;
  updated_at: Date;
  version: number;
}

export interface ChurnRiskFilter {
  minScore: number;
  industry?: string;
  limit: number;
  cursor?: string;
}

const SELECT_OPEN = `
  SELECT r.customer_id, r.score, r.reasons, r.suggested_action, r.lifetime_value, p.segment,
         r.raised_at, r.updated_at, r.version
  FROM insights.churn_risk r
  LEFT JOIN insights.customer_profiles p USING (customer_id)
  WHERE r.level = 'at_risk'`;

@Injectable()
export class ChurnRiskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open insights, score descending (then customer id descending), keyset-paginated. */
  async page(filter: ChurnRiskFilter): Promise<ChurnRiskPage> {
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor, ['number', 'string']);
    const rows: ChurnRiskRow[] = await this.dataSource.query(
      `${SELECT_OPEN}
         AND r.score >= $1
         AND ($2::text IS NULL OR p.segment ->> 'industry' = $2)
         AND ($3::int IS NULL OR (r.score, r.customer_id) < ($3::int, $4::text))
       ORDER BY r.score DESC, r.customer_id DESC
       LIMIT $5`,
      [filter.minScore, filter.industry ?? null, after?.[0] ?? null, after?.[1] ?? null, filter.limit + 1],
    );
    const items = rows.slice(0, filter.limit).map(toView);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > filter.limit && last ? encodeCursor([last.score, last.customerId]) : null,
    };
  }

  /** The customer's open insight, or null. */
  async openFor(customerId: string): Promise<ChurnRiskView | null> {
    const rows: ChurnRiskRow[] = await this.dataSource.query(`${SELECT_OPEN} AND r.customer_id = $1`, [
      customerId,
    ]);
    return rows.length === 0 ? null : toView(rows[0]);
  }
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

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NewlyAtRiskCustomer } from './digest.view';

interface AtRiskRow {
  customer_id: string;
  score: number;
  reasons: NewlyAtRiskCustomer['reasons'];
  suggested_action: string | null;
  lifetime_value: string | null;
  segment: Record<string, string> | null;
  raised_at: Date;
}

/** What the digest reads that no other read model's query answers. */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** When the latest case was opened (index-only), or null before any case. */
  async latestCaseOpenedAt(): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await this.dataSource.query(
      `SELECT max(opened_at) AS at FROM insights.case_facts`,
    );
    return row?.at ?? null;
  }

  /** Customers raised to at-risk in `[from, to)` and still at risk, highest score first. */
  async newlyAtRisk(from: Date, to: Date, limit: number): Promise<NewlyAtRiskCustomer[]> {
    const rows: AtRiskRow[] = await this.dataSource.query(
      `SELECT r.customer_id, r.score, r.reasons, r.suggested_action, r.lifetime_value, p.segment, r.raised_at
       FROM insights.churn_risk r
       LEFT JOIN insights.customer_profiles p USING (customer_id)
       WHERE r.level = 'at_risk' AND r.raised_at >= $1 AND r.raised_at < $2
       ORDER BY r.score DESC, r.customer_id
       LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((row) => ({
      customerId: row.customer_id,
      score: row.score,
      reasons: row.reasons,
      suggestedAction: row.suggested_action,
      lifetimeValue: row.lifetime_value === null ? null : Number(row.lifetime_value),
      segment: row.segment ?? {},
      raisedAt: row.raised_at.toISOString(),
    }));
  }
}

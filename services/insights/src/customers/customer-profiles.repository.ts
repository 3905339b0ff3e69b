import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CustomerProfileView } from './customer-profile.view';

interface ProfileRow {
  customer_id: string;
  segment: Record<string, string>;
  lifetime_value: string | null;
  consent: Record<string, boolean>;
  cases_total: number;
  open_cases: number;
  surveys_total: number;
  last_csat: number | null;
  last_csat_at: Date | null;
  last_nps: number | null;
  nps_category: string | null;
  last_nps_at: Date | null;
  last_contact_at: Date | null;
  updated_at: Date;
}

@Injectable()
export class CustomerProfilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(customerId: string): Promise<Omit<CustomerProfileView, 'churnRisk'> | null> {
    const rows: ProfileRow[] = await this.dataSource.query(
      'SELECT * FROM insights.customer_profiles WHERE customer_id = $1',
      [customerId],
    );
    return rows.length === 0 ? null : toView(rows[0]);
  }
}

function toView(row: ProfileRow): Omit<CustomerProfileView, 'churnRisk'> {
  return {
    customerId: row.customer_id,
    segment: row.segment,
    lifetimeValue: row.lifetime_value === null ? null : Number(row.lifetime_value),
    consent: row.consent,
    cases: { total: row.cases_total, open: row.open_cases },
    surveys: { total: row.surveys_total },
    lastCsat: row.last_csat === null ? null : { score: row.last_csat, at: row.last_csat_at!.toISOString() },
    lastNps:
      row.last_nps === null
        ? null
        : { score: row.last_nps, category: row.nps_category!, at: row.last_nps_at!.toISOString() },
    lastContactAt: row.last_contact_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InsightSettings } from '../settings/domain/insight-settings';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { CustomerProfile } from './customer-profile';
import {
  CustomerProfileSettings,
  DEFAULT_CUSTOMER_PROFILE_SETTINGS,
} from './domain/customer-profile-settings';
import { NormRow, ProfileRow, toCustomerProfile } from './profile-row';
import { RESOLUTION_NORMS_SQL } from './refresh-profiles.sql';

@Injectable()
export class CustomerProfilesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: InsightSettingsProvider,
  ) {}

  /** The stored profile with the resolution norms of its issue codes as of now; null for an unknown customer. */
  async find(customerId: string): Promise<CustomerProfile | null> {
    const rows: ProfileRow[] = await this.dataSource.query(
      'SELECT * FROM insights.customer_profiles WHERE customer_id = $1',
      [customerId],
    );
    if (rows.length === 0) return null;
    const norms: NormRow[] = await this.dataSource.query(RESOLUTION_NORMS_SQL, [customerId]);
    return toCustomerProfile(rows[0], norms, profileSettingsOf(this.settings.current.settings));
  }
}

/** The profile section of the settings; the defaults while the settings document has none. */
function profileSettingsOf(settings: InsightSettings): CustomerProfileSettings {
  return (
    (settings as Partial<Record<'customerProfile', CustomerProfileSettings>>).customerProfile ??
    DEFAULT_CUSTOMER_PROFILE_SETTINGS
  );
}

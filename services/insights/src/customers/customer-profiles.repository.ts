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
import { ProfileRefresher } from './profile-refresher';
import { NormRow, ProfileRow, toCustomerProfile } from './profile-row';
import { RESOLUTION_NORMS_SQL } from './refresh-profiles.sql';

@Injectable()
export class CustomerProfilesRepository {
  private readonly refresher = new ProfileRefresher();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: InsightSettingsProvider,
  ) {}

  /** The stored profile with the resolution norms of its issue codes as of now; null for an unknown customer. */
  async find(customerId: string): Promise<CustomerProfile | null> {
    await this.deriveIfDeferred(customerId);
    const rows: ProfileRow[] = await this.dataSource.query(
      'SELECT * FROM insights.customer_profiles WHERE customer_id = $1',
      [customerId],
    );
    if (rows.length === 0) return null;
    const norms: NormRow[] = await this.dataSource.query(RESOLUTION_NORMS_SQL, [customerId]);
    return toCustomerProfile(rows[0], norms, profileSettingsOf(this.settings.current.settings));
  }

  /**
   * During a catch-up, batches leave profiles to its end (catch-up/): a customer they touched is derived
   * here on demand, so the API never shows a profile older than the facts. Judging still waits for the end.
   */
  private async deriveIfDeferred(customerId: string): Promise<void> {
    const deferred = await this.dataSource.query(
      'SELECT 1 FROM insights.deferred_customers WHERE customer_id = $1',
      [customerId],
    );
    if (deferred.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await this.refresher.lockCustomers(manager, [customerId]);
      await this.refresher.refresh(manager, [customerId]);
    });
  }
}

/** The profile section of the settings; the defaults while the settings document has none. */
function profileSettingsOf(settings: InsightSettings): CustomerProfileSettings {
  return (
    (settings as Partial<Record<'customerProfile', CustomerProfileSettings>>).customerProfile ??
    DEFAULT_CUSTOMER_PROFILE_SETTINGS
  );
}

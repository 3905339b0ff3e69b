import { preparedQuery } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { LOCK_CUSTOMERS_SQL, REFRESH_PROFILES_SQL } from './refresh-profiles.sql';

/** The only writer of `insights.customer_profiles`: locks customers and derives their profiles from their facts. */
export class ProfileRefresher {
  /** The customers' locks, to the end of the caller's transaction (see LOCK_CUSTOMERS_SQL). */
  async lockCustomers(manager: EntityManager, customerIds: string[]): Promise<void> {
    await preparedQuery(manager, LOCK_CUSTOMERS_SQL, [customerIds]);
  }

  /** Re-derives the customers' profiles; under their locks. */
  async refresh(manager: EntityManager, customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return;
    await preparedQuery(manager, REFRESH_PROFILES_SQL, [customerIds]);
  }
}

import { CustomerErasureLedger } from '@supportlens/persistence';

/**
 * Advisory-lock namespace (two-int4 form; see satisfaction-rollup.repository.ts for 51_00x) of a
 * customer's text: the case-facts writer holds it shared, an erasure exclusive.
 */
export const CUSTOMER_TEXT_LOCK_NAMESPACE = 54_001;

/** The insights service's erasure ledger, `insights.customer_erasures`. */
export class CustomerErasuresRepository extends CustomerErasureLedger {
  constructor() {
    super('insights', CUSTOMER_TEXT_LOCK_NAMESPACE);
  }
}

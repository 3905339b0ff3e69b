import { Injectable } from '@nestjs/common';
import { CustomerErasureLedger } from '@supportlens/persistence';

/**
 * Advisory-lock namespace (two-int4 form) of a customer's text: writers of a customer's cases hold it
 * shared, an erasure exclusive (see {@link CustomerErasureLedger}).
 */
export const CUSTOMER_TEXT_LOCK_NAMESPACE = 52_002;

/** The classifier's erasure ledger, `classifier.customer_erasures`. */
@Injectable()
export class CustomerErasuresRepository extends CustomerErasureLedger {
  constructor() {
    super('classifier', CUSTOMER_TEXT_LOCK_NAMESPACE);
  }
}

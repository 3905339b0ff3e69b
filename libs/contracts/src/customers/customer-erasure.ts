import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsTimestamp } from '../validation/is-timestamp';

/**
 * A customer's personal data was erased (`DELETE /v1/customers/:id/personal-data` on ingest). Every
 * service that holds free text about the customer's cases scrubs it, and keeps the erasure so that
 * records of the customer dated up to `erasedAt` never bring text back (a replay, a late re-send).
 * Keyed by customer id, like every event of the customer, so it is ordered after their earlier records.
 */
export class CustomerErasure {
  @IsString() @IsNotEmpty() @MaxLength(200) customerId!: string;
  /** When ingest erased the data: records dated up to this instant are scrubbed wherever they arrive. */
  @IsTimestamp() erasedAt!: string;
}

import { ContractViolation, CustomerErasure, validateContract } from '@supportlens/contracts';

/** Any valid instant: only the customer id is being checked. */
const ANY_TIME = '2026-01-01T00:00:00.000Z';

/**
 * Whether a customer id from a URL could be named in an erasure event: checked with the erasure
 * contract's own rules (non-empty, at most 200 characters, text Postgres can store), so the API never
 * records an erasure its consumers would refuse. Violations name the path parameter `id`. Pure.
 */
export function customerIdViolations(customerId: string): ContractViolation[] {
  const result = validateContract(CustomerErasure, { customerId, erasedAt: ANY_TIME });
  if (result.valid) return [];
  return result.violations.map((violation) => ({
    field: 'id',
    message: violation.message.replace(/^customerId\b/, 'id'),
  }));
}

import { Customer } from '@supportlens/contracts';

/** What insights keeps of a customer: segment, value and consent. Names and emails stay out. */
export interface CustomerSnapshot {
  id: string;
  segment: Record<string, string>;
  lifetimeValue: number | null;
  consent: Record<string, boolean>;
}

export function customerSnapshot(customer: Customer): CustomerSnapshot {
  return {
    id: customer.id,
    segment: { ...(customer.segment ?? {}) } as Record<string, string>,
    lifetimeValue: customer.lifetimeValue ?? null,
    consent: { ...(customer.consent ?? {}) } as Record<string, boolean>,
  };
}

import { maskContactDetails } from '@supportlens/contracts';

/** A customer's contact details as a record carried them; only ingest's personal-data table keeps them. */
export interface ContactDetails {
  name?: string;
  email?: string;
}

export interface SeparatedRecord<T> {
  /** What may leave ingest: the record without `customer.name`/`customer.email`, its free text masked. */
  published: T;
  /** The name and e-mail the record carried; undefined when it carried neither. */
  contact: ContactDetails | undefined;
}

/**
 * Splits a validated record into what is published and the contact details ingest keeps to itself.
 * Free text (a case's subject and description, a survey comment) goes through `maskContactDetails`,
 * because people write their e-mail and phone number into it. Copies, never mutates; pure.
 *
 * The event id is computed from `published`, so a record that differs only in its contact details is
 * the same version downstream (the new details are still stored).
 */
export function separatePersonalData<T extends object>(
  record: T,
  freeTextFields: readonly string[],
): SeparatedRecord<T> {
  let contact: ContactDetails | undefined;
  const published: Record<string, unknown> = {};
  // Entry by entry, so the published JSON keeps the order the fields came in.
  for (const [key, value] of Object.entries(record)) {
    if (key === 'customer' && isObject(value)) {
      const { name, email, ...rest } = value;
      published[key] = rest;
      if (typeof name === 'string' || typeof email === 'string') {
        contact = {};
        if (typeof name === 'string') contact.name = name;
        if (typeof email === 'string') contact.email = email;
      }
    } else if (typeof value === 'string' && freeTextFields.includes(key)) {
      published[key] = maskContactDetails(value);
    } else {
      published[key] = value;
    }
  }
  return { published: published as T, contact };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

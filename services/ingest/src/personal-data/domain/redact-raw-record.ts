import { maskContactDetails } from '@supportlens/contracts';

/** Deeper than any record goes; such a value is refused rather than walked (see the caller). */
const MAX_DEPTH = 64;

/** What replaces a removed name or e-mail in text that is not JSON. */
const REDACTED = '[redacted]';

/**
 * `"name": "…"` / `"email": "…"` members in text that does not parse (truncated or broken JSON), the
 * closing quote optional because the text may end inside the value.
 */
const CONTACT_MEMBER = /("(?:name|email)"\s*:\s*)"(?:[^"\\]|\\.)*"?/g;

export class RedactionRefused extends Error {}

/**
 * Takes the personal data out of a raw record before it is dead-lettered: a raw message that fails
 * validation would otherwise land in the DLQ as sent, name and e-mail included.
 *
 * JSON: every `customer` object (also inside arrays, also a `customer` array) loses `name` and
 * `email`, and every string, keys included, goes through `maskContactDetails`. Anything else: the
 * text is masked the same way, and the values of `"name"`/`"email"` members are replaced. When nothing
 * needed redacting the original bytes come back unchanged, so a dead letter differs from what was
 * sent only when it had to. Throws {@link RedactionRefused} for nesting deeper than any record (the
 * caller then withholds the value). Pure.
 */
export function redactRawRecord(value: Buffer): Buffer {
  const text = value.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const redacted = maskContactDetails(text).replace(CONTACT_MEMBER, `$1"${REDACTED}"`);
    return redacted === text ? value : Buffer.from(redacted, 'utf8');
  }
  const state = { changed: false };
  const redacted = redactJson(json, 0, state);
  return state.changed ? Buffer.from(JSON.stringify(redacted), 'utf8') : value;
}

function redactJson(value: unknown, depth: number, state: { changed: boolean }): unknown {
  if (depth > MAX_DEPTH) throw new RedactionRefused(`nesting deeper than ${MAX_DEPTH} levels`);
  if (typeof value === 'string') {
    const masked = maskContactDetails(value);
    if (masked !== value) state.changed = true;
    return masked;
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1, state));
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const maskedKey = maskContactDetails(key);
      if (maskedKey !== key) state.changed = true;
      const kept = key === 'customer' ? withoutContact(child, state) : child;
      return [maskedKey, redactJson(kept, depth + 1, state)];
    }),
  );
}

/** A customer object, or an array of them, without `name` and `email`. */
function withoutContact(customer: unknown, state: { changed: boolean }): unknown {
  if (Array.isArray(customer)) return customer.map((item) => withoutContact(item, state));
  if (customer === null || typeof customer !== 'object') return customer;
  const { name, email, ...rest } = customer as Record<string, unknown>;
  if (name !== undefined || email !== undefined) state.changed = true;
  return rest;
}

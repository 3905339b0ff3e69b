import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace so every SupportLens instance derives the same ids. */
const SUPPORTLENS_NAMESPACE = '6f1d5c3e-8a4b-5d2e-9c7f-3b1a0e4d2c6b';

/**
 * The id of the event for one version of a source record: the same record with the same content
 * always gets the same id (so a re-delivery is a no-op downstream), while a corrected record (same
 * id, new content) gets a new one and is applied as an update.
 */
export function deterministicEventId(source: string, recordId: string, content: unknown): string {
  const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return uuidv5(`${source}\u0000${recordId}\u0000${contentHash}`, SUPPORTLENS_NAMESPACE);
}

/** Derived events (a classification of a case, a score of a response) get ids derived from their input. */
export function derivedEventId(stage: string, inputEventId: string): string {
  return uuidv5(`${stage}\u0000${inputEventId}`, SUPPORTLENS_NAMESPACE);
}

/** JSON with object keys sorted, so that key order never changes the id. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
